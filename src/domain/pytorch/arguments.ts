import { fail, ok, type Result } from '../result';
import { parseBoolean, parseInteger, parseIntegers, splitArgs } from './python-args';

/**
 * A module's arguments, bound to its constructor's parameter names the way Python binds
 * them (positional ones in order, then keywords), with readers that note what they cannot read.
 * A reader that fails returns a stand-in value and records why, so a count function reads
 * straight through and `problems` says everything wrong at once.
 */
export class Arguments {
  readonly problems: string[] = [];

  private constructor(
    private readonly className: string,
    private readonly values: ReadonlyMap<string, string>,
  ) {}

  /**
   * Binds `'3, 64, kernel_size=(7, 7)'` to `['in_channels', 'out_channels', 'kernel_size', …]`;
   * an unknown keyword or too many positional arguments is refused with the parameters there are.
   */
  static bind(className: string, signature: readonly string[], text: string): Result<Arguments, string[]> {
    const split = splitArgs(text);
    if (!split.ok) return fail([`cannot read the arguments: ${split.error}`]);
    const values = new Map<string, string>();
    const problems: string[] = [];
    const known = `${className}'s arguments are ${signature.join(', ')}`;
    let keywords = false;
    for (const [index, arg] of split.value.entries()) {
      const name = arg.key ?? signature[index];
      keywords ||= arg.key !== undefined;
      if (arg.key === undefined && keywords) {
        problems.push(`a positional argument (${arg.text}) follows a keyword argument`);
      } else if (name === undefined) {
        problems.push(`${className} takes at most ${signature.length} positional arguments; ${known}`);
      } else if (!signature.includes(name)) {
        problems.push(
          `${className} has no argument ${JSON.stringify(name)} that Learnable knows, so it cannot tell how it changes the count; ${known}`,
        );
      } else if (values.has(name)) {
        problems.push(`${name} is given twice`);
      } else {
        values.set(name, arg.text);
      }
    }
    return problems.length > 0 ? fail(problems) : ok(new Arguments(className, values));
  }

  /** Records a problem found while counting: `args.fail('groups (3) must divide the 64 input channels')`. */
  fail(message: string): void {
    this.problems.push(message);
  }

  private missing(name: string, what: string): void {
    this.problems.push(`${this.className} needs ${name}, ${what}`);
  }

  /** A whole number of 0 or more: `int('out_channels')`; with a default when the repr may leave it out. */
  int(name: string, fallback?: bigint): bigint {
    const text = this.values.get(name);
    if (text === undefined) {
      if (fallback === undefined) this.missing(name, 'a whole number');
      return fallback ?? 1n;
    }
    const value = parseInteger(text);
    if (value === undefined || value < 0n) {
      this.problems.push(`${name} must be a whole number of 0 or more (at most 16 digits), not ${text}`);
      return 1n;
    }
    return value;
  }

  /** True or False: `bool('bias', true)`. */
  bool(name: string, fallback: boolean): boolean {
    const text = this.values.get(name);
    if (text === undefined) return fallback;
    const value = parseBoolean(text);
    if (value === undefined) this.problems.push(`${name} must be True or False, not ${text}`);
    return value ?? fallback;
  }

  /**
   * Sizes, one per axis: `ints('kernel_size', 2)` reads `(3, 3)` or `3` (every axis) as `[3n, 3n]`;
   * without a rank, any number of axes (`normalized_shape`).
   */
  ints(name: string, rank?: number): bigint[] {
    const text = this.values.get(name);
    const standIn = Array.from({ length: rank ?? 1 }, () => 1n);
    if (text === undefined) {
      this.missing(name, rank === undefined ? 'a size or a tuple of sizes' : `a size or a tuple of ${rank}`);
      return standIn;
    }
    const values = parseIntegers(text);
    const what = rank === undefined ? 'whole numbers' : `${rank} whole number${rank === 1 ? '' : 's'}`;
    if (!values || values.some((v) => v < 0n) || (rank === undefined && values.length === 0)) {
      this.problems.push(`${name} must be a whole number or a tuple of ${what}, not ${text}`);
      return standIn;
    }
    if (rank !== undefined && values.length === 1) return Array.from({ length: rank }, () => values[0] ?? 1n);
    if (rank !== undefined && values.length !== rank) {
      this.problems.push(`${name} must have ${rank} size${rank === 1 ? '' : 's'} for ${this.className}, not ${text}`);
      return standIn;
    }
    return values;
  }
}
