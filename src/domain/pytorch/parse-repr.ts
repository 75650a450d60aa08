import { LIMITS } from '../limits';
import { fail, ok, type Result } from '../result';

/** A problem in pasted `print(model)` text, at a line (1-based; 0 for the text as a whole). */
export interface ReprProblem {
  line: number;
  message: string;
}

/** A parameter a ParameterList or ParameterDict prints itself: `(0): Parameter containing: [torch.float32 of size 2x3]`. */
export interface ReprParameter {
  key: string;
  line: number;
  /** `[2n, 3n]`; `[]` for a scalar (one element). */
  shape: bigint[];
  /** A plain tensor or another object in a ParameterList is no parameter: `false`. */
  isParameter: boolean;
}

/** One module as `print(model)` shows it. */
export interface ReprModule {
  className: string;
  /** The line its class name is on. */
  line: number;
  /**
   * What its repr shows between the parentheses: the one-line form's arguments
   * (`3, 64, kernel_size=(7, 7)`), or a block's lines that are not children, joined by ", ".
   */
  args: string;
  children: ReprChild[];
  parameters: ReprParameter[];
}

/** A child line: `(conv1): Conv2d(…)`, `(downsample): None`, or newer PyTorch's `(0-2): 3 x Block(…)`. */
export interface ReprChild {
  key: string;
  line: number;
  /** `(0-2): 3 x Block(…)` stands for children 0, 1 and 2: `{ from: 0, count: 3 }`. */
  repeat?: { from: number; count: number };
  /** `null` for `(key): None`, a slot registered without a module. */
  module: ReprModule | null;
}

const CLASS_NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const RANGE = /^(\d{1,9})-(\d{1,9})$/;
const TIMES = /^(\d{1,9}) x /;
const SIZE = /^(?:\d+(?:x\d+)*)?$/;

/** At most this much of a line is quoted in a message. */
const QUOTE = 60;
const quote = (text: string) => JSON.stringify(text.length > QUOTE ? `${text.slice(0, QUOTE)}…` : text);

/**
 * Reads one entry ParameterList / ParameterDict print for each tensor they hold:
 * `'Parameter containing: [torch.float32 of size 2x3]'` → `{ shape: [2n, 3n], isParameter: true }`
 * (newer PyTorch may add ` (cuda:0)` after the size; a scalar's size is empty).
 */
function parameterEntry(text: string): Omit<ReprParameter, 'key' | 'line'> | 'not-an-entry' | string {
  if (text.startsWith('Object of type: ')) return { shape: [], isParameter: false };
  const kind = text.startsWith('Parameter containing: [')
    ? 'parameter'
    : text.startsWith('Tensor containing: [')
      ? 'tensor'
      : undefined;
  if (!kind) return 'not-an-entry';
  const of = text.indexOf(' of size ');
  if (!text.endsWith(']') || of < 0) return `cannot read the size of ${quote(text)}`;
  const size = text.slice(of + 9, -1).split(' ')[0] ?? '';
  if (!SIZE.test(size)) return `cannot read the size ${quote(size)} (expected sizes joined by "x", such as 2x3)`;
  return { shape: size === '' ? [] : size.split('x').map(BigInt), isParameter: kind === 'parameter' };
}

/** Splits `(conv1): Conv2d(…)` into its key and the rest, or undefined for a line that is not a child. */
function childLine(text: string): { key: string; rest: string } | undefined {
  if (!text.startsWith('(')) return undefined;
  const end = text.indexOf('): ');
  if (end < 1) return undefined;
  return { key: text.slice(1, end), rest: text.slice(end + 3) };
}

type Spec = { kind: 'none' } | { kind: 'leaf' | 'block'; module: ReprModule };

/**
 * Reads a module's first line: `Conv2d(3, 64, kernel_size=(7, 7))` (a whole module on one line),
 * `Sequential(` (a block whose children follow), or `None`.
 */
function moduleSpec(text: string, line: number): Result<Spec, string> {
  if (text === 'None') return ok({ kind: 'none' });
  const name = CLASS_NAME.exec(text)?.[0];
  if (!name || text[name.length] !== '(') {
    return fail(
      `expected a module such as "Conv2d(3, 64, kernel_size=(3, 3))", a block such as "Sequential(", or ")" closing one; found ${quote(text)}`,
    );
  }
  const rest = text.slice(name.length + 1);
  const module: ReprModule = { className: name, line, args: '', children: [], parameters: [] };
  if (rest === '') return ok({ kind: 'block', module });
  if (!rest.endsWith(')')) {
    return fail(
      `${name}( is not closed on this line: print(model) writes a module on one line, ${name}(…), or opens a block with ${name}( alone at the end of the line`,
    );
  }
  module.args = rest.slice(0, -1);
  // A ParameterList holding one tensor prints it on the same line: `ParameterList(  (0): Parameter containing: […])`.
  const inline = childLine(module.args.trim());
  const entry = inline && parameterEntry(inline.rest);
  if (inline && entry !== undefined && entry !== 'not-an-entry') {
    if (typeof entry === 'string') return fail(entry);
    module.parameters.push({ key: inline.key, line, ...entry });
    module.args = '';
  }
  return ok({ kind: 'leaf', module });
}

/** Reads the rest of a child line after `(key): `, with newer PyTorch's `N x ` for repeated blocks. */
function childSpec(key: string, rest: string): Result<{ repeat?: ReprChild['repeat']; rest: string }, string> {
  const range = RANGE.exec(key);
  const times = TIMES.exec(rest);
  if (!range || !times) return ok({ rest });
  const from = Number(range[1]);
  const count = Number(range[2]) - from + 1;
  if (Number(times[1]) !== count || count < 2) {
    return fail(`(${key}) names ${Math.max(count, 0)} modules but the line says ${times[1]} x`);
  }
  return ok({ repeat: { from, count }, rest: rest.slice(times[0].length) });
}

/**
 * Reads what `print(model)` prints for a torch.nn module into a tree of modules, their
 * arguments as shown, and line numbers for messages. Linear in the text's length; bounded
 * by `LIMITS.maxPytorchChars`, `maxPytorchLines` and `maxPytorchDepth`.
 *
 * `parseRepr('Sequential(\n  (0): Linear(in_features=4, out_features=2, bias=True)\n)')` →
 * `{ className: 'Sequential', children: [{ key: '0', module: { className: 'Linear', args: 'in_features=4, …' } }] }`.
 */
export function parseRepr(text: string): Result<ReprModule, ReprProblem[]> {
  const problem = (line: number, message: string) => fail([{ line, message }]);
  if (text.length > LIMITS.maxPytorchChars) {
    return problem(0, `the text has ${text.length} characters; at most ${LIMITS.maxPytorchChars} are read`);
  }
  const lines = text.split(/\r\n|\r|\n/);
  if (lines.length > LIMITS.maxPytorchLines) {
    return problem(0, `the text has ${lines.length} lines; at most ${LIMITS.maxPytorchLines} are read`);
  }
  const open: ReprModule[] = [];
  let root: ReprModule | undefined;
  let endLine = 0;
  for (const [index, raw] of lines.entries()) {
    const line = index + 1;
    const text = raw.trim();
    if (text === '') continue;
    if (root && open.length === 0) {
      return problem(
        line,
        `text after the model, which ended on line ${endLine}; paste what one print(model) prints, and nothing else`,
      );
    }
    const parent = open[open.length - 1];
    if (!parent) {
      const spec = moduleSpec(text, line);
      if (!spec.ok)
        return problem(line, `${spec.error} (the first line is the model's class and "(", such as "ResNet(")`);
      if (spec.value.kind === 'none') return problem(line, 'the model itself cannot be None');
      root = spec.value.module;
      if (spec.value.kind === 'block') open.push(root);
      endLine = line;
      continue;
    }
    if (text === ')') {
      open.pop();
      endLine = line;
      continue;
    }
    const child = childLine(text);
    if (!child) {
      // A line of a block that is not a child: what the module's extra_repr() prints, such as ParameterList's entries.
      parent.args = parent.args === '' ? text : `${parent.args}, ${text}`;
      continue;
    }
    const entry = parameterEntry(child.rest);
    if (entry !== 'not-an-entry') {
      if (typeof entry === 'string') return problem(line, entry);
      parent.parameters.push({ key: child.key, line, ...entry });
      continue;
    }
    if (open.length > LIMITS.maxPytorchDepth) {
      return problem(line, `modules are nested more than ${LIMITS.maxPytorchDepth} deep (the model itself is depth 0)`);
    }
    const repeated = childSpec(child.key, child.rest);
    if (!repeated.ok) return problem(line, repeated.error);
    const spec = moduleSpec(repeated.value.rest, line);
    if (!spec.ok) return problem(line, spec.error);
    const module = spec.value.kind === 'none' ? null : spec.value.module;
    parent.children.push({
      key: child.key,
      line,
      ...(repeated.value.repeat && { repeat: repeated.value.repeat }),
      module,
    });
    if (spec.value.kind === 'block') open.push(spec.value.module);
  }
  if (!root) return problem(0, 'the text is empty; paste what print(model) prints');
  const unclosed = open[open.length - 1];
  if (unclosed) {
    return problem(
      unclosed.line,
      `${unclosed.className}( is never closed: the text ends with ${open.length} ")" line${open.length === 1 ? '' : 's'} missing (was the end of the output cut off?)`,
    );
  }
  return ok(root);
}
