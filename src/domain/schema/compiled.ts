import * as z from 'zod';
// By name: `z.core` used as a value would keep every locale in the bundle.
import { compileFn } from 'zod/v4/core';

/**
 * The schema with zod's compiled parser as its fast path (`z.compile`: zod generates a parser from
 * the schema itself — the same rules, the same output), generated the second time the schema parses
 * something. An input the compiled parser refuses is parsed again by the schema's own parser, so
 * every issue and message is the same as without it (tests/property/compiled-schemas.test.ts).
 *
 * - On second use: generating the parsers of all 70 layer types takes ~80 ms, which every cold start
 *   would pay at import, and a quiz network's four on its first request ~5 ms (`npm run bench --
 *   bundle`); this way the first request of a layer type is parsed by zod alone, the second pays ~1 ms.
 * - Not on the site's pages (package.json `imports` gives them `compiled-browser.ts`): they run zod jitless,
 *   their Content-Security-Policy has no 'unsafe-eval', and zod generates code with `new Function`.
 * - Not for a schema that refers to itself (a nested model's layers): zod cannot compile one. Its
 *   layers still parse through their own compiled layer types.
 */
export function withCompiledParser<S extends z.ZodType>(schema: S): S {
  if (z.config().jitless) return schema;
  const parser = onSecondUse(() => schema);
  try {
    const compiled = z.withParser(schema, (input) => {
      // The first parse is zod's own: a cold start's first request does not wait for the generator.
      const parse = parser.get();
      return parse === undefined ? z.INVALID : (parse(input) as z.output<S> | typeof z.INVALID);
    });
    originals.set(compiled, schema);
    return compiled;
  } catch {
    return schema;
  }
}

const originals = new WeakMap<z.ZodType, z.ZodType>();

/**
 * A schema that refers to itself (the network: a nested model's layers are the layer list again), whose
 * `parse` and `safeParse` take zod's compiled parser of `compilable` first: the same schema built so that zod's
 * compiler can read it (`compilableNetwork` in `schema/network.ts`: each layer a call to its own type's schema).
 * zod installs a fast path inside a schema only on one without cycles (`z.withParser` refuses others), so here it
 * is the two methods alone, as `z.compile` installs them: the schema inside other schemas parses as before.
 * Generated on the second parse, as above; a jitless parse (`requestParseOptions`) and anything the compiled
 * parser refuses are parsed by the schema itself, so every issue and message is unchanged.
 */
export function withCompiledMethods<S extends z.ZodType>(schema: S, compilable: () => z.ZodType): S {
  if (z.config().jitless) return schema;
  const fast = schema.clone() as S;
  const parser = onSecondUse(compilable);
  const compiled = (input: unknown, params?: z.core.ParseContext<z.core.$ZodIssue>) => {
    // A jitless parse does not count as a use.
    const parse = params?.jitless ? undefined : parser.get();
    return parse === undefined ? z.INVALID : parse(input);
  };
  fast.safeParse = (input, params) => {
    const out = compiled(input, params);
    return out === z.INVALID ? schema.safeParse(input, params) : { success: true, data: out as z.output<S> };
  };
  fast.parse = (input, params) => {
    const out = compiled(input, params);
    return out === z.INVALID ? schema.parse(input, params) : (out as z.output<S>);
  };
  originals.set(fast, schema);
  generated.set(fast, parser);
  return fast;
}

/**
 * zod's generated parser of `schema()`, made the second time it is asked for: `get()` answers `undefined` the
 * first time (that parse is the schema's own), and the parser from then on (`defer` if zod cannot compile it).
 */
function onSecondUse(schema: () => z.ZodType) {
  let parse: ((input: unknown) => unknown) | undefined;
  let uses = 0;
  return {
    get: () => (parse === undefined && ++uses < 2 ? undefined : (parse ??= generate(schema()))),
    /** Whether a parser was generated (not deferring). */
    made: () => parse !== undefined && parse !== defer,
  };
}

const generated = new WeakMap<z.ZodType, ReturnType<typeof onSecondUse>>();

/** Whether `withCompiledMethods` has generated the schema's parser yet (a test checks the fast path is taken). */
export const hasGeneratedParser = (schema: z.ZodType) => generated.get(schema)?.made() === true;

/** The schema `withCompiledParser` or `withCompiledMethods` was given, with zod's own parser only (tests compare the two). */
export const withoutCompiledParser = <S extends z.ZodType>(schema: S): S => (originals.get(schema) as S) ?? schema;

/** How many parsers have been generated so far (the bench prints it; a test checks they are used). */
export const generatedParsers = { count: 0 };

/** The parser of a schema zod cannot compile: it defers every input to the schema's own parser. */
const defer = () => z.INVALID;

/** zod's generated parser for the schema, or one that always defers to the schema's own parser. */
function generate(schema: z.ZodType): (input: unknown) => unknown {
  try {
    const parser = compileFn(schema);
    generatedParsers.count += 1;
    return parser;
  } catch {
    return defer;
  }
}

const JITLESS = { jitless: true } as const;
let parses = 0;

/**
 * The options for a request's top-level parse: `{ jitless: true }` the first time in the process, nothing after.
 * zod writes a fast parser (`new Function`) for each object schema the first time it parses one, and on a cold
 * start's first request writing them took ~4.5 ms of its ~11 (`npm run bench -- bundle`: 10.9–11.3 → 6.0–7.3 ms). A
 * jitless parse is the same parse by zod's interpreter, with the same data and issues
 * (tests/property/compiled-schemas.test.ts), under 1 µs slower on a warm quiz request; so the first request takes
 * it and zod writes its parsers on the second, as the compiled parsers above are made on a schema's second parse.
 */
export const requestParseOptions = (): typeof JITLESS | undefined => (parses++ === 0 ? JITLESS : undefined);
