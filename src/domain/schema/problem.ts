import * as z from 'zod';

/** RFC 9457 problem details, as /api/score sends them with `application/problem+json`. */
export const ProblemDetails = z.strictObject({
  type: z.string().describe('A URI reference naming the kind of problem'),
  title: z.string(),
  status: z.int().min(400).max(599),
  detail: z.string(),
  errors: z
    .array(
      z.strictObject({
        pointer: z.string().describe('RFC 6901 JSON Pointer into the request body ("" = the whole request)'),
        detail: z.string(),
      }),
    )
    .min(1),
});
