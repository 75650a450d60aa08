import type { z } from 'zod';
import type { ProblemDetails } from '../src/domain/schema/problem';

/**
 * Pieces of the OpenAPI document that /api/score and the assignment endpoints write alike
 * (functions/openapi.ts, functions/openapi-assignments.ts).
 */

/** A response of RFC 9457 problem details, with an example of one: `problem('A body over 5 MiB', { type, … })`. */
export const problem = (description: string, example: z.input<typeof ProblemDetails>) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' }, example } },
});

/** A required JSON request body of the component schema `id`, at most `maxBytes` long, with named examples. */
export const jsonBody = (id: string, maxBytes: number, examples: Record<string, unknown>) => ({
  required: true,
  description: `A JSON body of at most ${maxBytes} bytes.`,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${id}` }, examples } },
});
