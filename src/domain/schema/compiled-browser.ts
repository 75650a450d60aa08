import type * as z from 'zod';

/**
 * What the site's pages get for `#compiled-parsers` (package.json `imports`, the `browser`
 * condition): no compiled parsers. Pages run zod jitless under a Content-Security-Policy without
 * 'unsafe-eval', where zod cannot generate code, so its compiler would be 30 KB of dead script.
 */
export const generatedParsers = { count: 0 };

export const withCompiledParser = <S extends z.ZodType>(schema: S): S => schema;

export const withCompiledMethods: <S extends z.ZodType>(schema: S, compilable: () => z.ZodType) => S = (schema) =>
  schema;

export const hasGeneratedParser: (schema: z.ZodType) => boolean = () => false;

export const withoutCompiledParser = <S extends z.ZodType>(schema: S): S => schema;

/** Pages run zod jitless throughout (above), so a request's parse needs no options of its own. */
export const requestParseOptions = (): undefined => undefined;
