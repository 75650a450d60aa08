import type { z } from 'zod';
import type { NetworkProblem } from '../analyze-network';

/**
 * Turns zod issues into located problems; an unknown key gets its own path:
 * `{ path: ['network'], keys: ['foo'] }` → `{ path: ['network', 'foo'], … }`.
 */
export function issueProblems(issues: readonly z.core.$ZodIssue[]): NetworkProblem[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map((key) => (typeof key === 'number' ? key : String(key)));
    return issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({
          path: [...path, key],
          message: `unknown key ${JSON.stringify(key)} (${issue.message}); options are camelCase, as in TensorFlow.js`,
        }))
      : [{ path, message: issue.message }];
  });
}
