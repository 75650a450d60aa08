import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { startServer, type RunningServer, type ServerOptions } from '../../../src/server/server';

/** A response as the wire carried it: status, headers, and the body bytes undecoded. */
export interface WireResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * One request over a fresh connection (no agent, so no reuse between tests), failing after 10 s:
 * `await send(url, '/quiz/', { headers: { 'accept-encoding': 'br' } })`.
 */
export function send(
  base: string,
  path: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(new URL(path, base), { method, headers, agent: false, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** Short timeouts so that the slow-client tests take a second, not a minute. */
export const TEST_TIMEOUTS = {
  headers: 600,
  request: 3_000,
  keepAlive: 1_000,
  idle: 5_000,
  check: 100,
  shutdown: 3_000,
};

/** Starts the real server on a free port of 127.0.0.1 over `dist`, with the repository's netlify.toml and functions. */
export function startTestServer(dist: string, options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({ dist, port: 0, host: '127.0.0.1', warm: false, timeouts: TEST_TIMEOUTS, ...options });
}
