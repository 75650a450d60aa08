/**
 * Every equation written out in an explanation, checked by exact rational arithmetic: the oracle that the
 * arithmetic shown to a learner is true. Knows + − × / ÷, parentheses, ⌊floor⌋ and ⌈ceiling⌉, as the lesson
 * writes them; `3×3` (a kernel's size, no spaces) is a product too.
 */

interface Fraction {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
const make = (n: bigint, d: bigint): Fraction => {
  if (d === 0n) throw new Error('division by zero');
  const sign = d < 0n ? -1n : 1n;
  const g = gcd(n, d) || 1n;
  return { n: (sign * n) / g, d: (sign * d) / g };
};
const floor = ({ n, d }: Fraction): Fraction => make(n >= 0n ? n / d : -((-n + d - 1n) / d), 1n);
const ceil = ({ n, d }: Fraction): Fraction => make(n >= 0n ? (n + d - 1n) / d : -(-n / d), 1n);

/** Evaluates `⌊(15 − 3) / 1⌋ + 1` exactly: `evaluate('⌊(15 − 3) / 1⌋ + 1') → 13n`; a fraction left over throws. */
export function evaluate(expression: string): bigint {
  const tokens = expression.match(/\d+|[()⌊⌋⌈⌉+−×/÷-]/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new Error(`expected ${expected ?? 'a token'} in "${expression}"`);
    }
    return token;
  };
  const atom = (): Fraction => {
    const token = take();
    if (/^\d+$/.test(token)) return make(BigInt(token), 1n);
    if (token === '(') {
      const value = sum();
      take(')');
      return value;
    }
    if (token === '⌊' || token === '⌈') {
      const value = sum();
      take(token === '⌊' ? '⌋' : '⌉');
      return token === '⌊' ? floor(value) : ceil(value);
    }
    throw new Error(`unexpected ${token} in "${expression}"`);
  };
  const product = (): Fraction => {
    let value = atom();
    while (peek() === '×' || peek() === '/' || peek() === '÷') {
      const op = take();
      const right = atom();
      value = op === '×' ? make(value.n * right.n, value.d * right.d) : make(value.n * right.d, value.d * right.n);
    }
    return value;
  };
  const sum = (): Fraction => {
    let value = product();
    while (peek() === '+' || peek() === '−' || peek() === '-') {
      const op = take();
      const right = product();
      value =
        op === '+'
          ? make(value.n * right.d + right.n * value.d, value.d * right.d)
          : make(value.n * right.d - right.n * value.d, value.d * right.d);
    }
    return value;
  };
  const value = sum();
  if (at !== tokens.length) throw new Error(`left over in "${expression}": ${tokens.slice(at).join(' ')}`);
  if (value.d !== 1n) throw new Error(`"${expression}" is not a whole number`);
  return value.n;
}

/** Each `left = right` written in a text: `equations('height 28 + 1 + 2 = 31') → [{left: '28 + 1 + 2', right: 31n}]`. */
export function equations(text: string): { left: string; right: bigint }[] {
  const found: { left: string; right: bigint }[] = [];
  for (const match of text.matchAll(/([\d(⌊⌈][\d ()⌊⌋⌈⌉+−×/÷]*?) = (\d+)(?![\d×])/g)) {
    found.push({ left: (match[1] ?? '').trim(), right: BigInt(match[2] ?? '0') });
  }
  return found;
}

/** The equations of a text that do not hold (an empty list when every one does). */
export function falseEquations(text: string): string[] {
  return equations(text).flatMap(({ left, right }) => {
    try {
      return evaluate(left) === right ? [] : [`${left} = ${right} (it is ${evaluate(left)})`];
    } catch (error) {
      return [`${left} = ${right} (${(error as Error).message})`];
    }
  });
}
