import { STATUS_CODES } from 'node:http';
import { PROBLEMS, type Problem } from '../../functions/problem';

// RFC 9110's names where Node still prints older ones (413 was "Payload Too Large").
const TITLES: Record<number, string> = { 413: 'Content Too Large' };

/**
 * The RFC 9457 body of a request the server refuses before any page or function sees it. A status the
 * API documents gets the API's own type and title (`/api/#body-too-large`), so a refusal reads the same
 * whether the server or the function made it; any other gets `about:blank`:
 * `problemBody(413, 'the body may be at most 262144 bytes')`.
 */
export function problemBody(status: number, detail: string): Problem {
  const known = (PROBLEMS as Record<number, readonly [string, string]>)[status];
  if (known) return { type: `/api/#${known[0]}`, title: known[1], status, detail, errors: [{ pointer: '', detail }] };
  const title = TITLES[status] ?? STATUS_CODES[status] ?? 'Error';
  return { type: 'about:blank', title, status, detail, errors: [{ pointer: '', detail }] };
}

/** The same problem as a Response: `problemResponse(413, 'the body may be at most 1024 bytes', headers)`. */
export function problemResponse(status: number, detail: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemBody(status, detail)), {
    status,
    headers: { ...headers, 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' },
  });
}

/**
 * The same problem as raw HTTP/1.1 bytes, for a socket that has no response object (a request that
 * could not be parsed or that timed out): `rawProblem(400, 'the request is malformed')`.
 */
export function rawProblem(status: number, detail: string, headers: Record<string, string> = {}): string {
  const body = JSON.stringify(problemBody(status, detail));
  const lines = Object.entries({
    ...headers,
    'Content-Type': 'application/problem+json',
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    Connection: 'close',
  }).map(([name, value]) => `${name}: ${value}`);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
