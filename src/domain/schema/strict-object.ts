import * as z from 'zod';

/**
 * A `z.strictObject` whose unknown keys are reported with the keys allowed
 * there ("allowed here: type, units, useBias") and whose wrong type says `expected`.
 */
export const strictObject = <S extends z.core.$ZodLooseShape>(shape: S, expected: string) =>
  z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `allowed here: ${Object.keys(shape).join(', ')}` : expected,
  });
