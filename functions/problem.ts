import type { z } from 'zod';
import type { ProblemDetails } from '../src/domain/schema/problem';

/** An RFC 9457 problem details document, as its schema defines it. */
export type Problem = z.infer<typeof ProblemDetails>;

/** One problem in a request, located by an RFC 6901 JSON Pointer into the request body. */
export type ProblemError = Problem['errors'][number];

/** The problem types the API documents (each at `/api/#<slug>` on the API page), by status, with their titles. */
export const PROBLEMS = {
  400: ['malformed-json', 'The body is not valid JSON'],
  405: ['method-not-allowed', 'Method not allowed'],
  413: ['body-too-large', 'The body is too large'],
  415: ['unsupported-media-type', 'The body must be JSON'],
  422: ['invalid-request', 'The request is not a network that can be scored'],
  500: ['internal-error', 'Something went wrong on our side'],
} as const;

/** Builds an RFC 6901 pointer: `toPointer(['network', 'layers', 1, 'kernelSize']) → '/network/layers/1/kernelSize'`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
