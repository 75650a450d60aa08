import type { z } from 'zod';
import type { ProblemDetails } from '../src/domain/schema/problem';

/** An RFC 9457 problem details document, as its schema defines it. */
export type Problem = z.infer<typeof ProblemDetails>;

/** One problem in a request, located by an RFC 6901 JSON Pointer into the request body. */
export type ProblemError = Problem['errors'][number];

/** Builds an RFC 6901 pointer: `toPointer(['network', 'layers', 1, 'kernelSize']) → '/network/layers/1/kernelSize'`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
