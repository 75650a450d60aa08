import { evaluateRequest } from '../src/domain/evaluate-request';
import { LIMITS } from '../src/domain/limits';
import { readText, tooDeep } from './http';
import { PROBLEMS, toPointer, type Problem, type ProblemError } from './problem';

const ALLOW = 'POST, OPTIONS';
const HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': ALLOW,
  'Access-Control-Allow-Headers': 'Content-Type',
  'Access-Control-Max-Age': '86400',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
};

// Built once: undici validates every header it is given, which for these eight cost more than the
// Response itself; a Response copies a Headers it is given, so one instance serves every reply.
const JSON_HEADERS = new Headers({ ...HEADERS, 'Content-Type': 'application/json' });

const reply = (status: number, body: unknown, type: string, extra: Record<string, string> = {}) =>
  status === 200 && type === 'application/json'
    ? new Response(JSON.stringify(body), { status, headers: JSON_HEADERS })
    : new Response(body === null ? null : JSON.stringify(body), {
        status,
        headers: { ...HEADERS, ...(body === null ? {} : { 'Content-Type': type }), ...extra },
      });

/** An RFC 9457 response: `problem(405, 'use POST', [...])`. */
function problem(status: keyof typeof PROBLEMS, detail: string, errors: ProblemError[], extra = {}) {
  const [slug, title] = PROBLEMS[status];
  const body: Problem = { type: `/api/#${slug}`, title, status, detail, errors };
  return reply(status, body, 'application/problem+json', extra);
}

const whole = (detail: string): ProblemError[] => [{ pointer: '', detail }];

// A body full of mistakes (20,000 unknown keys fit in the size limit) gets the first 100.
const MAX_ERRORS = 100;

/** 422 for a well-formed request that cannot be scored, every problem (up to 100) with its pointer. */
function invalid(all: ProblemError[]) {
  const errors = all.slice(0, MAX_ERRORS);
  const more = all.length > errors.length ? `; and ${all.length - errors.length} more problems` : '';
  return problem(422, errors.map((e) => `${e.pointer || 'the body'}: ${e.detail}`).join('; ') + more, errors);
}

// A scoring request is at most 6 levels deep (/network/layers/0/padding/0/0); deeper
// bodies are refused before validation, whose messages quote values with recursive code.
const MAX_DEPTH = 32;

/** POST /api/score: exact per-layer counts for a network, with verdicts on the answers sent. */
export async function handleScore(request: Request): Promise<Response> {
  try {
    if (request.method === 'OPTIONS') return reply(204, null, '');
    if (request.method !== 'POST') {
      return problem(405, `use POST with a JSON body; ${request.method} is not supported`, whole('POST only'), {
        Allow: ALLOW,
      });
    }
    const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json$/.test(mediaType)) {
      return problem(415, `send Content-Type: application/json (got ${mediaType || 'none'})`, whole('not JSON'));
    }
    let text: string | null;
    try {
      text = await readText(request, LIMITS.maxBodyBytes);
    } catch {
      return problem(400, 'the body is not valid UTF-8 text', whole('not UTF-8'));
    }
    if (text === null) {
      return problem(413, `the body may be at most ${LIMITS.maxBodyBytes} bytes`, whole('too large'));
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      const reason = error instanceof SyntaxError ? error.message : 'unreadable JSON';
      return problem(400, reason, whole(reason));
    }
    const deep = tooDeep(data, MAX_DEPTH);
    if (deep !== undefined) {
      const detail = `nested more than ${MAX_DEPTH} levels deep; a scoring request needs far fewer`;
      return problem(422, `${deep}: ${detail}`, [{ pointer: deep, detail }]);
    }
    const result = evaluateRequest(data);
    if (!result.ok)
      return invalid(result.error.map(({ path, message }) => ({ pointer: toPointer(path), detail: message })));
    return reply(200, result.value, 'application/json');
  } catch {
    // Unreachable by design (the fuzz tests look for it); never leak a stack trace.
    return problem(500, 'the request could not be scored; please report it', whole('internal error'));
  }
}
