import type { z } from 'zod';

/** One problem in a request, located by an RFC 6901 JSON Pointer into the request body. */
export interface ProblemError {
  pointer: string;
  detail: string;
}

/** An RFC 9457 problem details document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: ProblemError[];
}

/** Builds an RFC 6901 pointer: `toPointer(['network', 'layers', 1, 'kernelSize']) → '/network/layers/1/kernelSize'`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

/**
 * Turns zod issues into pointer-located errors; an unknown key gets its own
 * pointer: `{path: ['network'], keys: ['foo']}` → `/network/foo`.
 */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): ProblemError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          pointer: toPointer([...issue.path, key]),
          detail: `unknown key ${JSON.stringify(key)} (${issue.message}); options are camelCase, as in TensorFlow.js`,
        }))
      : [{ pointer: toPointer(issue.path), detail: issue.message }],
  );
}
