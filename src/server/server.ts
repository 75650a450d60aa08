import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, resolve } from 'node:path';
import { getRequestListener, RequestError } from '@hono/node-server';
import { LIMITS } from '../domain/limits';
import { createApp } from './app';
import { discoverFunctions, type NetlifyFunction } from './functions';
import { headersFor, readNetlifyConfig } from './netlify-config';
import { problemResponse, rawProblem } from './problem';
import { loadSite } from './static-site';

/** Milliseconds the server allows for each stage of a request, and for shutting down. */
export interface Timeouts {
  /** From connection (or the end of the previous request) to the last header line: slow-header clients are cut here. */
  headers: number;
  /** From the first byte to the last byte of a request, body included. */
  request: number;
  /** How long a keep-alive connection may wait for its next request. */
  keepAlive: number;
  /** A socket with no traffic either way (a client that stopped reading its response) is closed after this. */
  idle: number;
  /** How often Node checks the headers and request timeouts (their resolution). */
  check: number;
  /** How long SIGTERM waits for in-flight requests before cutting their connections. */
  shutdown: number;
}

/** Where and how to serve; every field has a default. */
export interface ServerOptions {
  /** The project folder holding netlify.toml (default: this repository). */
  root?: string;
  /** The production build to serve (default: netlify.toml's `publish`, i.e. dist/). */
  dist?: string;
  /** TCP port (default 8888; 0 picks a free one). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: only this machine; 0.0.0.0 or :: for a class on the network). */
  host?: string;
  /** Largest body a function may receive (default LIMITS.maxBodyBytes, the /api/score limit). */
  functionBodyLimit?: number;
  /** Largest body a page route reads before refusing it (default 1 KiB; pages take none). */
  pageBodyLimit?: number;
  timeouts?: Partial<Timeouts>;
  /** Compress every file right after start instead of on its first request (default true). */
  warm?: boolean;
}

/** A listening server. */
export interface RunningServer {
  /** `http://127.0.0.1:8888` */
  url: string;
  server: Server;
  dist: string;
  functions: readonly NetlifyFunction[];
  /** Stops accepting, lets in-flight requests finish (up to `timeouts.shutdown`), resolves with the connections it had to cut. */
  close(): Promise<{ cut: number }>;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  headers: 15_000,
  // A real model's Keras JSON (NASNetMobile's is 741 KB) at a poor classroom Wi-Fi's 20 KB/s takes 37 s;
  // the 5 MiB limit needs about 45 KB/s within this. Headers must still come within 15 s.
  request: 120_000,
  keepAlive: 5_000,
  idle: 60_000,
  check: 1_000,
  shutdown: 10_000,
};

const ROOT = resolve(import.meta.dirname, '..', '..');

// Parser errors that have a more precise status than 400.
const CLIENT_ERRORS: Record<string, [number, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'the request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request took too long to arrive'],
};

/**
 * Starts the self-host server: the build in `dist` and every Netlify function, in one process:
 * `await startServer({ port: 0 })` → `{ url: 'http://127.0.0.1:40123', close }`.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const config = readNetlifyConfig(join(options.root ?? ROOT, 'netlify.toml'));
  const dist = resolve(options.dist ?? config.publish);
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(`no build in ${dist} (no index.html): run \`npm run build\` first`);
  }
  const site = loadSite(dist, config.headers);
  const functions = await discoverFunctions(config.functionsDirectory);
  const app = createApp({
    site,
    functions,
    headers: config.headers,
    functionBodyLimit: options.functionBodyLimit ?? LIMITS.maxBodyBytes,
    pageBodyLimit: options.pageBodyLimit ?? 1024,
  });

  const listener = getRequestListener(app.fetch, {
    // limitBody reads every body whole or refuses it and closes (closeWhenUnread): nothing is left to drain.
    autoCleanupIncoming: false,
    // A request whose URL or Host cannot form a URL never reaches the app; it still gets a problem.
    errorHandler: (error) => {
      if (error instanceof RequestError) {
        return problemResponse(400, `the request cannot be read: ${error.message}`, { Connection: 'close' });
      }
      console.error('request failed before routing:', error);
      return problemResponse(500, 'the server failed to answer this request; please report it');
    },
  });

  let closing = false;
  const server = createServer(
    {
      headersTimeout: timeouts.headers,
      requestTimeout: timeouts.request,
      connectionsCheckingInterval: timeouts.check,
      keepAliveTimeout: timeouts.keepAlive,
      // A missing Host gets the app's problem+json (via errorHandler) rather than Node's bare 400.
      requireHostHeader: false,
    },
    (request, response) => {
      // Once shutting down, every response tells its client not to reuse the connection.
      if (closing) response.setHeader('Connection', 'close');
      void listener(request, response);
    },
  );
  server.setTimeout(timeouts.idle);

  server.on('clientError', (error: NodeJS.ErrnoException & { reason?: string }, socket: Socket) => {
    // Node keeps the response it was writing here; a problem can only go out before its headers did.
    const inProgress = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inProgress?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, detail] = CLIENT_ERRORS[error.code ?? ''] ?? [
      400,
      `the request is not valid HTTP/1.1${error.reason ? ` (${error.reason.toLowerCase()})` : ''}`,
    ];
    socket.end(rawProblem(status, detail, headersFor(config.headers, '/')), () => socket.destroy());
  });

  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8888, options.host ?? '127.0.0.1', () => {
      server.off('error', fail);
      done();
    });
  });
  if (options.warm ?? true) site.warm().catch((error: unknown) => console.error('could not precompress:', error));

  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let closed: Promise<{ cut: number }> | undefined;
  const close = () =>
    (closed ??= new Promise((done) => {
      closing = true;
      let cut = 0;
      // Connections between requests close now and after each response; busy ones get until `shutdown`.
      const idle = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => {
        cut = sockets.size;
        server.closeAllConnections();
      }, timeouts.shutdown);
      server.close(() => {
        clearInterval(idle);
        clearTimeout(deadline);
        done({ cut });
      });
    }));

  return { url: `http://${host}:${address.port}`, server, dist, functions, close };
}
