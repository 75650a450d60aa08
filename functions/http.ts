import type { LocatedProblem } from '../src/domain/located-problem';
import { PROBLEMS, toPointer, type Problem, type ProblemError } from './problem';

/**
 * The HTTP plumbing the assignment handlers share (the scoring handler keeps its own): reading a
 * bounded JSON body, and answering with JSON or RFC 9457 problem details and the API's headers.
 */

const BASE_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  'Access-Control-Max-Age': '86400',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Cache-Control': 'no-store',
};

/** A response with the API's headers: `send(201, body, { Location: '/api/…' })`; a null body sends none. */
export function send(status: number, body: unknown, extra: Record<string, string> = {}, type = 'application/json') {
  const text = body === null ? null : typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(text, {
    status,
    headers: { ...BASE_HEADERS, ...(text === null ? {} : { 'Content-Type': type }), ...extra },
  });
}

/** An RFC 9457 problem: `problemResponse(404, 'not-found', 'No such assignment', 'no assignment has this id')`. */
export function problemResponse(
  status: number,
  slug: string,
  title: string,
  detail: string,
  errors: ProblemError[] = [{ pointer: '', detail }],
  extra: Record<string, string> = {},
) {
  const body: Problem = { type: `/api/#${slug}`, title, status, detail, errors };
  return send(status, body, extra, 'application/problem+json');
}

/** One of the problems every endpoint shares (400, 405, 413, 415, 500), with the scoring API's type and title. */
export function commonProblem(status: 400 | 405 | 413 | 415 | 500, detail: string, extra: Record<string, string> = {}) {
  const [slug, title] = PROBLEMS[status];
  return problemResponse(status, slug, title, detail, [{ pointer: '', detail }], extra);
}

// A body full of mistakes gets the first 100.
const MAX_ERRORS = 100;

/** 422 with every problem (up to 100) at its JSON Pointer. */
export function invalidResponse(slug: string, title: string, problems: LocatedProblem[]) {
  const errors = problems
    .slice(0, MAX_ERRORS)
    .map(({ path, message }) => ({ pointer: toPointer(path), detail: message }));
  const more = problems.length > errors.length ? `; and ${problems.length - errors.length} more problems` : '';
  const detail = errors.map((e) => `${e.pointer || 'the body'}: ${e.detail}`).join('; ') + more;
  return problemResponse(422, slug, title, detail, errors.length > 0 ? errors : [{ pointer: '', detail }]);
}

/**
 * Pointer to the first value (in document order) nested deeper than `max`, if any:
 * `tooDeep([[[1]]], 2) → '/0/0/0'`. It counts depth as it descends and builds the path only
 * for the value it reports, so a body within the bound costs one visit per value and no copies.
 */
export function tooDeep(value: unknown, max: number): string | undefined {
  const path = deeper(value, max);
  return path === undefined ? undefined : toPointer(path.reverse());
}

/** The path, innermost key first, to a value more than `left` levels below `value`. */
function deeper(value: unknown, left: number): string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const path = left === 0 ? [] : deeper(value[i], left - 1);
      if (path) return (path.push(String(i)), path);
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const path = left === 0 ? [] : deeper((value as Record<string, unknown>)[key], left - 1);
    if (path) return (path.push(key), path);
  }
  return undefined;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text, if it is at most `limit` bytes (else null); throws on bytes that are not UTF-8.
 * A body that declares a length past the limit is refused unread; any other is counted chunk by chunk
 * and refused as soon as it passes. It is read with the stream's own reader, which here is quicker
 * than `text()`, `arrayBuffer()` or the stream's async iterator (a body given whole is one chunk).
 */
export async function readText(request: Request, limit: number): Promise<string | null> {
  const header = request.headers.get('content-length');
  if (header !== null && Number(header) > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      // Stop the upload; a stream that has already failed has nothing to stop.
      reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return UTF8.decode(chunks.length === 1 ? (chunks[0] as Uint8Array) : Buffer.concat(chunks));
}

/** A JSON body read, or the response that refuses it. */
export type BodyReading = { ok: true; value: unknown } | { ok: false; response: Response };

// An assignment request is at most 5 levels deep (/answers/0/outputShapes/2/1); deeper is refused unread.
const MAX_DEPTH = 16;

/** Reads a JSON body of at most `limit` bytes: media type, size, UTF-8, JSON syntax and depth, each refused precisely. */
export async function readJsonBody(request: Request, limit: number): Promise<BodyReading> {
  const fail = (response: Response): BodyReading => ({ ok: false, response });
  const mediaType = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json$/.test(mediaType)) {
    return fail(commonProblem(415, `send Content-Type: application/json (got ${mediaType || 'none'})`));
  }
  let text: string | null;
  try {
    text = await readText(request, limit);
  } catch {
    return fail(commonProblem(400, 'the body is not valid UTF-8 text'));
  }
  if (text === null) return fail(commonProblem(413, `the body may be at most ${limit} bytes`));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(commonProblem(400, error instanceof SyntaxError ? error.message : 'unreadable JSON'));
  }
  const deep = tooDeep(value, MAX_DEPTH);
  if (deep !== undefined) {
    const detail = `nested more than ${MAX_DEPTH} levels deep; an assignment request needs far fewer`;
    return fail(
      problemResponse(422, 'nested-too-deep', 'The body is nested too deeply', `${deep}: ${detail}`, [
        { pointer: deep, detail },
      ]),
    );
  }
  return { ok: true, value };
}

/** The credential of `Authorization: Bearer <credential>`, or null when there is none. */
export function bearer(request: Request): string | null {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(request.headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}
