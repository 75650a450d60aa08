// Clients that misbehave on purpose, over raw TCP to a local server, each bounded in bytes and time.
// Shared by the server tests (which assert on the outcomes) and `npm run load` (which prints them).
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** What a raw exchange ended with. */
export interface Outcome {
  /** HTTP status of the response, if one arrived. */
  status?: number;
  headers: Record<string, string>;
  body: string;
  /** The server closed (or reset) the connection. */
  closed: boolean;
  /** Milliseconds from connecting to the response (or to the close, if none came). */
  ms: number;
  /** Bytes of request body the client managed to write before the answer. */
  sent: number;
}

interface Exchange {
  socket: Socket;
  /** Resolves when a whole response has arrived or the connection closed, whichever is first. */
  done: Promise<Outcome>;
  /** True once `done` has settled: writers stop then. */
  finished: () => boolean;
  count: (bytes: number) => void;
}

/** Splits a raw HTTP/1.1 response: `parse('HTTP/1.1 413 …\r\nA: b\r\n\r\n{}')` → `{ status: 413, headers, body }`. */
function parse(raw: Buffer, head: boolean) {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).trim().toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  const length = head ? 0 : Number(headers['content-length'] ?? NaN);
  const body = raw.subarray(end + 4);
  const complete = Number.isFinite(length) && body.length >= length;
  return { status: Number(statusLine.split(' ')[1]), headers, body: body.toString('utf8'), complete };
}

/** Opens a connection to `url` and collects the first response (or the close), giving up after `timeout` ms. */
function exchange(url: string, { head = false, timeout = 10_000 } = {}): Exchange {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  const start = performance.now();
  let raw = Buffer.alloc(0);
  let sent = 0;
  let settled = false;
  const done = new Promise<Outcome>((resolve) => {
    const finish = (closed: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const response = parse(raw, head);
      resolve({
        ...(response ? { status: response.status } : {}),
        headers: response?.headers ?? {},
        body: response?.body ?? '',
        closed,
        ms: performance.now() - start,
        sent,
      });
    };
    const timer = setTimeout(() => {
      finish(false);
      socket.destroy();
    }, timeout);
    socket.on('data', (chunk) => {
      raw = Buffer.concat([raw, chunk]);
      // A complete response counts as the outcome; whether the server then closes is checked separately.
      if (parse(raw, head)?.complete) finish(socket.readableEnded);
    });
    socket.on('end', () => finish(true));
    socket.on('close', () => finish(true));
    // A reset while the client is still writing is the server refusing, not a failure of the probe.
    socket.on('error', () => finish(true));
  });
  return { socket, done, finished: () => settled, count: (bytes) => (sent += bytes) };
}

/** Resolves true if the server closes `socket` within `ms` milliseconds. */
export function closesWithin(socket: Socket, ms: number): Promise<boolean> {
  if (socket.destroyed || socket.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    const closed = () => {
      clearTimeout(timer);
      resolve(true);
    };
    socket.once('end', closed).once('close', closed).once('error', closed);
    socket.resume();
  });
}

/** Writes `chunk` unless the exchange is over; waits for the socket to drain, as a polite client would. */
async function write(ex: Exchange, chunk: string | Buffer): Promise<boolean> {
  if (ex.finished() || ex.socket.destroyed) return false;
  ex.count(typeof chunk === 'string' ? 0 : chunk.length);
  if (!ex.socket.write(chunk)) {
    await Promise.race([new Promise((r) => ex.socket.once('drain', r)), ex.done]);
  }
  return !ex.finished();
}

const CHUNK = Buffer.alloc(64 * 1024, 'a');

/**
 * POSTs `bytes` of body with its Content-Length declared, in 64 KiB writes, stopping as soon as the
 * server answers: `await bigBody(url, '/api/score', 10 * 2 ** 20)` → `{ status: 413, sent: 0, … }`.
 */
export async function bigBody(url: string, path: string, bytes: number): Promise<Outcome> {
  const ex = exchange(url);
  const head = `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${bytes}\r\n\r\n`;
  await write(ex, head);
  for (let left = bytes; left > 0 && (await write(ex, CHUNK.subarray(0, Math.min(left, CHUNK.length))));) {
    left -= CHUNK.length;
  }
  return hangUp(ex);
}

/** The exchange's outcome once the server has also closed the connection (or 3 s have passed). */
async function hangUp(ex: Exchange): Promise<Outcome> {
  const outcome = await ex.done;
  const closed = outcome.closed || (await closesWithin(ex.socket, 3_000));
  ex.socket.destroy();
  return { ...outcome, closed };
}

/** Declares a 1 GB body and sends none of it: the answer must come from the headers alone. */
export async function declaredHuge(url: string, path: string): Promise<Outcome> {
  const ex = exchange(url, { timeout: 5_000 });
  await write(
    ex,
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${10 ** 9}\r\n\r\n`,
  );
  return hangUp(ex);
}

/**
 * Streams a chunked body that never ends (capped at `maxBytes`) and reports whether the server answered
 * and then closed the connection by itself: `→ { status: 413, closed: true }`.
 */
export async function endlessChunked(url: string, path: string, maxBytes = 32 * 2 ** 20): Promise<Outcome> {
  const ex = exchange(url);
  await write(
    ex,
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
  );
  const frame = Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')]);
  for (let sent = 0; sent < maxBytes && (await write(ex, frame)); sent += CHUNK.length);
  return hangUp(ex);
}

/** Starts a 100 kB POST, sends a tenth of it and disconnects: nothing to answer, nothing may break. */
export async function abortMidBody(url: string, path: string): Promise<void> {
  const ex = exchange(url, { timeout: 1_000 });
  await write(
    ex,
    `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n`,
  );
  await write(ex, Buffer.alloc(10_000, '{'));
  await sleep(50);
  ex.socket.destroy();
}

/**
 * Sends a request line and then one header byte every `every` ms, never finishing the headers, for up
 * to `maxMs`: `→ { closed: true, ms ≈ headersTimeout }` when the server's timeout cuts it off.
 */
export async function slowHeaders(url: string, maxMs: number, every = 100): Promise<Outcome> {
  const ex = exchange(url, { timeout: maxMs });
  await write(ex, 'GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: ');
  const deadline = performance.now() + maxMs;
  while (performance.now() < deadline && (await write(ex, 'a'))) await sleep(every);
  // A 408 may come first; what matters is that the server then hangs up.
  return hangUp(ex);
}

/** Sends `request` (raw HTTP/1.1, headers and body) as is and returns the answer. */
export async function raw(url: string, request: string | Buffer, { head = false } = {}): Promise<Outcome> {
  const ex = exchange(url, { head, timeout: 5_000 });
  await write(ex, request);
  const outcome = await ex.done;
  ex.socket.destroy();
  return outcome;
}

/** A JSON body to /api/score whose string holds bytes that are not UTF-8 (0xFF 0xFE). */
export function invalidUtf8(url: string): Promise<Outcome> {
  const body = Buffer.concat([Buffer.from('{"network": "'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
  const head = `POST /api/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return raw(url, Buffer.concat([Buffer.from(head), body]));
}

/** A GET or HEAD that carries a body, which no server should act on. */
export function bodyOnRead(url: string, method: 'GET' | 'HEAD', path = '/'): Promise<Outcome> {
  const request = `${method} ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`;
  return raw(url, request, { head: method === 'HEAD' });
}

/** Whether the server still serves its home page: the check after every hostile case. */
export async function stillUp(url: string): Promise<boolean> {
  const outcome = await raw(url, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  return outcome.status === 200;
}
