import type { Convention } from '../domain/layer-rules';
import type { Network } from '../domain/schema/network';
import type { PracticeSetOptions } from '../domain/schema/practice-set';
import type { ScoreReport } from '../domain/score-answers';

/** The answers as typed (null where left empty). */
export interface TypedAnswers {
  layers: (string | null)[];
  total: string | null;
  outputShapes?: (number[] | null)[];
}

/**
 * Which network to score, and by whose rules: the network itself, or, for a practice set, the
 * set's options and the network's index (the server regenerates it, so a student cannot change it).
 */
export type ScoreSubject = ({ network: Network } | { practiceSet: PracticeSetOptions & { index: number } }) & {
  convention?: Convention;
};

/** What the quiz sends: the subject and the answers. */
export type ScoreBody = ScoreSubject & { answers: TypedAnswers };

export type ScoreOutcome = { ok: true; report: ScoreReport } | { ok: false; message: string };

const KEEP = 'Your answers are still here; press “Check my answers” to try again.';

/** Reads an RFC 9457 problem's detail, if the body is one. */
async function problemDetail(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.json();
    return body && typeof body === 'object' && 'detail' in body && typeof body.detail === 'string' ? body.detail : null;
  } catch {
    return null;
  }
}

/**
 * POSTs answers to /api/score and turns every way it can fail into a message for the learner:
 * `await requestScore(body, {signal})` → `{ok: true, report}` or `{ok: false, message: '… Your answers are still here …'}`.
 */
export async function requestScore(body: ScoreBody, options: { signal: AbortSignal }): Promise<ScoreOutcome> {
  let response: Response;
  try {
    response = await fetch('/api/score', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
      signal: options.signal,
    });
  } catch {
    const reason = options.signal.aborted
      ? 'The checking service took too long to answer.'
      : 'We could not reach the checking service (are you offline?).';
    return { ok: false, message: `${reason} ${KEEP}` };
  }
  if (response.status === 429) {
    return { ok: false, message: `Too many checks in a short time: wait a minute. ${KEEP}` };
  }
  if (response.status === 422) {
    const detail = await problemDetail(response);
    return {
      ok: false,
      message: `The checking service could not read an answer${detail ? `: ${detail}` : ''}. ${KEEP}`,
    };
  }
  if (!response.ok) {
    return { ok: false, message: `The checking service had a problem (error ${response.status}). ${KEEP}` };
  }
  try {
    const report = (await response.json()) as ScoreReport;
    if (!Array.isArray(report.layers) || !report.total) throw new TypeError('not a score report');
    return { ok: true, report };
  } catch {
    return { ok: false, message: `The checking service sent a reply we could not read. ${KEEP}` };
  }
}
