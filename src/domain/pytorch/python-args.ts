import { fail, ok, type Result } from '../result';

/** One argument as a module's repr shows it: `kernel_size=(3, 3)` → `{ key: 'kernel_size', text: '(3, 3)' }`. */
export interface ArgText {
  key?: string;
  text: string;
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** A keyword argument's name and `=` (not `==`): `kernel_size=(3, 3)`. */
const KEYWORD = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)/;

/** A whole number as Python writes it; longer than 16 digits is past 2^53 anyway, so refused early. */
const INTEGER = /^[+-]?\d{1,16}$/;

/** Where in an argument list a character is, by the text before it: `'after "kernel_size=(3, 3" '`. */
const after = (source: string, at: number) =>
  at === 0
    ? 'at the start '
    : `after ${JSON.stringify((at > 24 ? '…' : '') + source.slice(Math.max(0, at - 24), at))} `;

/**
 * Splits the text between a module's parentheses at its top-level commas, minding brackets
 * and quoted strings: `'3, 64, kernel_size=(7, 7)'` → `[{text:'3'}, {text:'64'}, {key:'kernel_size', text:'(7, 7)'}]`.
 * One pass over the text, so no input makes it slow.
 */
export function splitArgs(source: string): Result<ArgText[], string> {
  const parts: string[] = [];
  const open: string[] = [];
  let start = 0;
  for (let at = 0; at < source.length; at++) {
    const char = source[at] ?? '';
    if (char === "'" || char === '"') {
      let end = at + 1;
      while (end < source.length && source[end] !== char) end += source[end] === '\\' ? 2 : 1;
      if (end >= source.length) return fail(`the quote ${char} ${after(source, at)}is never closed`);
      at = end;
    } else if (char in CLOSERS) {
      open.push(CLOSERS[char] ?? '');
    } else if (char === ')' || char === ']' || char === '}') {
      const expected = open.pop();
      if (expected !== char) {
        return fail(
          expected === undefined
            ? `"${char}" ${after(source, at)}closes nothing`
            : `"${char}" ${after(source, at)}is where "${expected}" was expected`,
        );
      }
    } else if (char === ',' && open.length === 0) {
      parts.push(source.slice(start, at));
      start = at + 1;
    }
  }
  if (open.length > 0) return fail(`${open.length} bracket${open.length === 1 ? ' is' : 's are'} never closed`);
  parts.push(source.slice(start));
  // Python allows one trailing comma; `f()` has no arguments at all.
  if (parts.length > 0 && parts[parts.length - 1]?.trim() === '') parts.pop();
  const args: ArgText[] = [];
  for (const part of parts) {
    const text = part.trim();
    if (text === '') return fail('an argument is empty (two commas in a row)');
    const keyword = KEYWORD.exec(text);
    args.push(keyword?.[1] ? { key: keyword[1], text: text.slice(keyword[0].length).trim() } : { text });
  }
  return ok(args);
}

/** A whole number: `parseInteger('64') → 64n`; anything else (`'3.0'`, `'(3,)'`) → undefined. */
export function parseInteger(text: string): bigint | undefined {
  return INTEGER.test(text) ? BigInt(text) : undefined;
}

/** Python's True or False: `parseBoolean('False') → false`. */
export function parseBoolean(text: string): boolean | undefined {
  return text === 'True' ? true : text === 'False' ? false : undefined;
}

/**
 * A size that is one whole number or a tuple or list of them, as kernel_size and
 * normalized_shape print: `'(3, 3)' → [3n, 3n]`, `'(768,)' → [768n]`, `'5' → [5n]`, `'torch.Size([2, 3])' → [2n, 3n]`.
 */
export function parseIntegers(text: string): bigint[] | undefined {
  const single = parseInteger(text);
  if (single !== undefined) return [single];
  const bare = text.startsWith('torch.Size(') && text.endsWith(')') ? text.slice(11, -1).trim() : text;
  const first = bare[0];
  const last = bare[bare.length - 1];
  if (bare.length < 2 || !((first === '(' && last === ')') || (first === '[' && last === ']'))) return undefined;
  const items = splitArgs(bare.slice(1, -1));
  if (!items.ok || items.value.some((item) => item.key !== undefined)) return undefined;
  const values = items.value.map((item) => parseInteger(item.text));
  return values.every((v) => v !== undefined) ? values : undefined;
}
