/** A parsed Python call such as `Conv2D(filters=2, kernel_size=(3, 3), padding="same")`. */
export interface PythonCall {
  name: string;
  kwargs: Record<string, unknown>;
}

/**
 * Parses one Keras layer call as our code export writes it: keyword arguments whose values are
 * numbers, strings, True/False/None and (nested) tuples or lists. Throws on anything else, so a
 * call this test cannot read fails loudly instead of passing.
 */
export function parsePythonCall(source: string): PythonCall {
  let at = 0;
  const fail = (what: string): never => {
    throw new Error(`cannot parse ${JSON.stringify(source)} at ${at}: ${what}`);
  };
  const space = () => {
    while (source[at] === ' ') at++;
  };
  const identifier = () => {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(at));
    if (!match) return fail('identifier expected');
    at += match[0].length;
    return match[0];
  };
  const value = (): unknown => {
    space();
    const rest = source.slice(at);
    const number = /^-?\d+(\.\d+)?(e-?\d+)?/.exec(rest);
    if (number) {
      at += number[0].length;
      return Number(number[0]);
    }
    if (rest.startsWith('"')) {
      const end = source.indexOf('"', at + 1);
      if (end < 0) fail('unterminated string');
      const text = source.slice(at + 1, end);
      at = end + 1;
      return text;
    }
    for (const [word, meaning] of [
      ['True', true],
      ['False', false],
      ['None', null],
    ] as const) {
      if (rest.startsWith(word)) {
        at += word.length;
        return meaning;
      }
    }
    if (rest.startsWith('(') || rest.startsWith('[')) {
      const close = rest[0] === '(' ? ')' : ']';
      at++;
      const items: unknown[] = [];
      space();
      while (source[at] !== close) {
        items.push(value());
        space();
        if (source[at] === ',') at++;
        space();
        if (at >= source.length) fail(`${close} expected`);
      }
      at++;
      return items;
    }
    return fail('value expected');
  };
  const name = identifier();
  if (source[at] !== '(') fail('( expected');
  at++;
  const kwargs: Record<string, unknown> = {};
  space();
  while (source[at] !== ')') {
    const key = identifier();
    space();
    if (source[at] !== '=') fail('= expected (only keyword arguments)');
    at++;
    kwargs[key] = value();
    space();
    if (source[at] === ',') at++;
    space();
    if (at >= source.length) fail(') expected');
  }
  at++;
  if (at !== source.length) fail('text after the call');
  return { name, kwargs };
}
