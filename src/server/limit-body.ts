import type { IncomingMessage } from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import type { MiddlewareHandler } from 'hono';

/** Why a body was not read whole. */
type Refusal = 'too-large' | 'aborted';

/**
 * Reads a request body of at most `limit` bytes off the socket: `await collect(incoming, 1024) → Buffer`,
 * `'too-large'` as soon as a chunk takes it past the limit (nothing more is read), `'aborted'` when the
 * client leaves first.
 */
export function collect(incoming: IncomingMessage, limit: number): Promise<Buffer | Refusal> {
  // Gone between its headers and this read: 'close' has already fired and would never come again.
  if (incoming.destroyed) return Promise.resolve('aborted');
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: Buffer | Refusal) => {
      incoming.off('data', onData).off('end', onEnd).off('close', onGone).off('error', onGone);
      done(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      incoming.pause();
      finish('too-large');
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onGone = () => finish('aborted');
    incoming.on('data', onData).once('end', onEnd).once('close', onGone).once('error', onGone);
  });
}

// Long enough for a client still uploading to read the refusal before the connection goes.
const LINGER_MS = 500;

/**
 * Once the response is sent, closes the connection if the request's body did not fully arrive: what is
 * left of it must not be parsed as a next request. It half-closes first and waits `LINGER_MS` before the
 * full close, because closing a socket with unread data sends a reset that can destroy the response
 * in the client's buffers (Go's net/http does the same); Node's `Connection: close` closes at once.
 * `closeWhenUnread(c.env)` before returning a 413.
 */
export function closeWhenUnread({ incoming, outgoing }: HttpBindings): void {
  outgoing.once('finish', () => {
    if (incoming.complete) return;
    const socket = incoming.socket;
    socket.end();
    setTimeout(() => socket.destroy(), LINGER_MS).unref();
  });
}

/** How a route answers a body it will not take, given the request's path. */
export interface BodyRefusals {
  tooLarge: (path: string, limit: number) => Response;
  aborted: (path: string) => Response;
}

/**
 * Hono middleware that reads the whole body, up to `limit` bytes, before the route runs, and hands it to
 * @hono/node-server as `incoming.rawBody`, which it serves as the Request's body without a stream adapter.
 * A declared Content-Length over the limit is refused before a byte is read; a chunked body as soon as
 * it passes the limit. `app.post('/api/score', limitBody(262144, refusals), handler)`.
 */
export function limitBody(limit: number, refuse: BodyRefusals): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const incoming = c.env.incoming;
    // Node has already refused a malformed or duplicated Content-Length, so Number() sees digits.
    const body = Number(incoming.headers['content-length'] ?? 0) > limit ? 'too-large' : await collect(incoming, limit);
    if (body === 'too-large') {
      closeWhenUnread(c.env);
      return refuse.tooLarge(c.req.path, limit);
    }
    // The client is gone; this answer goes nowhere, but the route must not run on half a body.
    if (body === 'aborted') return refuse.aborted(c.req.path);
    (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    return next();
  };
}
