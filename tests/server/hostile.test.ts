import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIMITS } from '../../src/domain/limits';
import { ProblemDetails } from '../../src/domain/schema/problem';
import { makeFixtureSite } from './support/fixture-site';
import {
  abortMidBody,
  bigBody,
  bodyOnRead,
  declaredHuge,
  endlessChunked,
  invalidUtf8,
  raw,
  slowHeaders,
  stillUp,
  type Outcome,
} from './support/hostile';
import { TEST_TIMEOUTS } from './support/http';
import { spawnServer, type ChildServer } from './support/spawn';

const TEN_MB = 10 * 2 ** 20;

// In a process of its own: a client sharing the server's event loop would hide a server that resets
// connections before its answer is read (see support/child-server.ts).
let server: ChildServer;
let site = '';

beforeAll(async () => {
  site = makeFixtureSite();
  server = await spawnServer('tests/server/support/child-server.ts', { LEARNABLE_DIST: site });
});

afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  rmSync(site, { recursive: true, force: true });
});

/** The outcome is a problem+json with `status` whose body passes the project's ProblemDetails schema. */
function expectProblem(outcome: Outcome, status: number) {
  expect({ status: outcome.status, type: outcome.headers['content-type'] }).toEqual({
    status,
    type: 'application/problem+json',
  });
  const problem = ProblemDetails.parse(JSON.parse(outcome.body));
  expect(problem.status).toBe(status);
  // Never a stack trace: no "at fn (file:line)" frames anywhere in what the client sees.
  expect(outcome.body).not.toMatch(/\n\s+at |\.ts:\d+/);
  return problem;
}

describe('bodies over the limit', () => {
  test('a 10 MB body to /api/score gets 413 before the server reads past the 256 KiB limit', async () => {
    // Repeated: a server that closed at once would lose some of these answers to a reset, not all.
    for (let i = 0; i < 5; i++) {
      const outcome = await bigBody(server.url, '/api/score', TEN_MB);
      const problem = expectProblem(outcome, 413);
      // The rest of the body is never read, so the connection cannot carry another request.
      expect(outcome.closed).toBe(true);
      expect(problem.detail).toContain(String(LIMITS.maxBodyBytes));
      // The client could push only what the sockets buffer before the answer came, not the 10 MB.
      expect(outcome.sent).toBeLessThan(TEN_MB);
    }
    expect(await stillUp(server.url)).toBe(true);
  });

  test('a 10 MB body to a page gets 413 too, every time, and the server still answers', async () => {
    for (let i = 0; i < 5; i++) expectProblem(await bigBody(server.url, '/quiz/', TEN_MB), 413);
    expect(await stillUp(server.url)).toBe(true);
  });

  test('a declared 1 GB Content-Length gets 413 from the headers alone, with no byte of body sent', async () => {
    const outcome = await declaredHuge(server.url, '/api/score');
    expectProblem(outcome, 413);
    expect(outcome.sent).toBe(0);
    expect(outcome.closed).toBe(true);
    expect(await stillUp(server.url)).toBe(true);
  });

  test('a chunked body that never ends gets 413 and then the server closes the connection', async () => {
    for (let i = 0; i < 5; i++) {
      const outcome = await endlessChunked(server.url, '/api/score');
      expectProblem(outcome, 413);
      expect(outcome.closed).toBe(true);
      // Capped at 32 MB by the probe; the server stopped it near the limit instead.
      expect(outcome.sent).toBeLessThan(LIMITS.maxBodyBytes + 8 * 2 ** 20); // socket buffers hold a few MB more
    }
    expect(await stillUp(server.url)).toBe(true);
  });

  test('a chunked body that never ends, to a page, gets 413 after a kilobyte', async () => {
    const outcome = await endlessChunked(server.url, '/');
    expectProblem(outcome, 413);
    expect(outcome.closed).toBe(true);
    expect(await stillUp(server.url)).toBe(true);
  });
});

describe('clients that misbehave', () => {
  test('clients that disconnect halfway through their bodies leave the server serving', async () => {
    for (let i = 0; i < 5; i++) {
      await abortMidBody(server.url, '/api/score');
      await abortMidBody(server.url, '/quiz/');
    }
    expect(await stillUp(server.url)).toBe(true);
  });

  test("a client that trickles its headers is cut off by the server's headers timeout", async () => {
    const outcome = await slowHeaders(server.url, TEST_TIMEOUTS.headers * 8);
    expect(outcome.closed).toBe(true);
    // Cut at the timeout (plus one check interval), long before the client would have given up.
    expect(outcome.ms).toBeLessThan(TEST_TIMEOUTS.headers * 6);
    if (outcome.status !== undefined) expectProblem(outcome, 408);
    expect(await stillUp(server.url)).toBe(true);
  });

  test('a body that is not UTF-8 gets a 400 problem from the function, not a 500', async () => {
    const problem = expectProblem(await invalidUtf8(server.url), 400);
    expect(problem.detail).toContain('UTF-8');
  });

  test.each(['GET', 'HEAD'] as const)('%s with a body gets a 400 problem and never a 500', async (method) => {
    for (const path of ['/', '/api/score']) {
      const outcome = await bodyOnRead(server.url, method, path);
      expect(outcome.status).toBe(400);
      expect(outcome.headers['content-type']).toBe('application/problem+json');
      if (method === 'GET') expectProblem(outcome, 400);
    }
    expect(await stillUp(server.url)).toBe(true);
  });

  test.each([
    // [what is wrong, the raw request]
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    ['a header without a colon', 'GET / HTTP/1.1\r\nHost: localhost\r\nno colon here\r\n\r\n'],
    [
      'both Content-Length and chunked',
      'POST /api/score HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}',
    ],
    ['a Content-Length that is not a number', 'POST /api/score HTTP/1.1\r\nHost: x\r\nContent-Length: lots\r\n\r\n'],
    ['no Host header', 'GET / HTTP/1.1\r\n\r\n'],
  ])('%s gets a 400 problem and the server keeps serving', async (_, request) => {
    expectProblem(await raw(server.url, request), 400);
    expect(await stillUp(server.url)).toBe(true);
  });

  test('headers larger than Node accepts get a 431 problem', async () => {
    const request = `GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`;
    expectProblem(await raw(server.url, request), 431);
    expect(await stillUp(server.url)).toBe(true);
  });
});

test('the server logged no error through all of the above', () => {
  expect(server.stderr()).toBe('');
});
