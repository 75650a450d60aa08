import { randomUUID } from 'node:crypto';
import type { HttpBindings } from '@hono/node-server';
import { Hono } from 'hono';
import type { NetlifyFunction } from './functions';
import { closeWhenUnread, limitBody, type BodyRefusals } from './limit-body';
import { headersFor, type HeaderRule } from './netlify-config';
import { problemResponse } from './problem';
import type { StaticSite } from './static-site';

/** What the app serves and how much body each kind of route may receive. */
export interface AppParts {
  site: StaticSite;
  functions: readonly NetlifyFunction[];
  headers: readonly HeaderRule[];
  /** Largest body in bytes a function receives (the function's own limit, LIMITS.maxBodyBytes for /api/score). */
  functionBodyLimit: number;
  /** Largest body in bytes a page route reads before refusing it; pages take none. */
  pageBodyLimit: number;
}

/** The app's Hono type: Node's request and response travel in `c.env` (from @hono/node-server). */
export type App = Hono<{ Bindings: HttpBindings }>;

/**
 * The Hono app behind the self-host server: each function at its `config.path`, called in-process with
 * the Request unchanged, and the static site for every other path:
 * `createApp({ site, functions, headers, functionBodyLimit: 262144, pageBodyLimit: 1024 })`.
 */
export function createApp(parts: AppParts): App {
  const { site, functions, headers: rules } = parts;
  const app: App = new Hono<{ Bindings: HttpBindings }>();

  // RFC 9110 gives a body on GET or HEAD no meaning, and a server that ignores it while a proxy in
  // front of it does not is how requests get smuggled: refuse it outright.
  app.use(async (c, next) => {
    const method = c.req.method;
    const framed = c.req.header('transfer-encoding') !== undefined || Number(c.req.header('content-length') ?? 0) > 0;
    if ((method === 'GET' || method === 'HEAD') && framed) {
      closeWhenUnread(c.env);
      return problemResponse(400, `a ${method} request carries no body`, headersFor(rules, c.req.path));
    }
    return next();
  });

  const refusals: BodyRefusals = {
    tooLarge: (path, limit) => problemResponse(413, `the body may be at most ${limit} bytes`, headersFor(rules, path)),
    aborted: (path) => problemResponse(400, 'the body ended before its declared end', headersFor(rules, path)),
  };
  const functionBody = limitBody(parts.functionBodyLimit, refusals);

  for (const fn of functions) {
    for (const path of fn.paths) {
      app.on(fn.methods ?? ['ALL'], path, functionBody, (c) =>
        fn.handler(c.req.raw, {
          ip: c.env.incoming.socket.remoteAddress ?? '',
          requestId: randomUUID(),
          params: c.req.param(),
        }),
      );
    }
  }

  app.all('*', limitBody(parts.pageBodyLimit, refusals), (c) => site.respond(c.req.raw));

  app.onError((error, c) => {
    // The log keeps the stack; the client gets a problem without it.
    console.error(`${c.req.method} ${c.req.path}:`, error);
    return problemResponse(
      500,
      'the server failed to answer this request; please report it',
      headersFor(rules, c.req.path),
    );
  });
  return app;
}
