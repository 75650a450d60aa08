import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';
import { makeFixtureSite } from './support/fixture-site';
import { spawnServer, type ChildServer } from './support/spawn';

let site = '';
const started: ChildServer[] = [];

beforeAll(() => {
  site = makeFixtureSite();
});

afterAll(() => {
  for (const server of started) server.child.kill('SIGKILL');
  rmSync(site, { recursive: true, force: true });
});

/** `npm start`'s own entry point, src/server/main.ts, in a child process over the fixture site. */
async function startMain(): Promise<ChildServer> {
  const server = await spawnServer('src/server/main.ts', { LEARNABLE_DIST: site });
  started.push(server);
  return server;
}

/** Opens a TCP connection to `url`; rejects with the connection error (ECONNREFUSED once nobody listens). */
function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Everything the server sends on `socket` until it closes, as text. */
function readAll(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
  });
}

const within = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([promise, sleep(ms).then(() => 'still running after the bound' as const)]);

describe('SIGTERM', () => {
  test('lets a request in flight finish, refuses new connections meanwhile, then exits 0', async () => {
    const server = await startMain();
    // The lesson's network with all answers right: 56 + 57 + 0 + 2402 = 2515.
    const body = JSON.stringify({ network: TEXTBOOK_NETWORK, answers: { layers: [56, 57, 0, 2402], total: 2515 } });
    const half = Math.floor(body.length / 2);
    const socket = await open(server.url);
    const answer = readAll(socket);
    socket.write(
      `POST /api/score HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, half));
    // The server now holds a request whose body is half there.
    await sleep(300);
    server.child.kill('SIGTERM');
    await sleep(300);
    await expect(open(server.url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    socket.write(body.slice(half));
    const response = await answer;
    expect(response).toMatch(/^HTTP\/1\.1 200 /);
    expect(response).toContain('"total":{"params":2515');
    expect(await within(server.exited, 5_000)).toBe(0);
  });

  test('does not wait for idle kept-alive connections', async () => {
    const server = await startMain();
    const socket = await open(server.url);
    const closed = readAll(socket);
    socket.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n');
    await sleep(200);
    server.child.kill('SIGTERM');
    // Well under the 10 s shutdown bound and the 5 s keep-alive timeout: idle connections are closed at once.
    expect(await within(server.exited, 2_000)).toBe(0);
    expect(await closed).toMatch(/^HTTP\/1\.1 200 /);
  });

  test('listens on 127.0.0.1 by default, on a free port when PORT is 0, and stops cleanly', async () => {
    const server = await startMain();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    server.child.kill('SIGINT');
    expect(await within(server.exited, 5_000)).toBe(0);
    expect(server.stderr()).toBe('');
  });
});

describe('start-up', () => {
  test('refuses to start without a build, and says how to make one', async () => {
    const missing = join(site, 'not-built');
    await expect(spawnServer('src/server/main.ts', { LEARNABLE_DIST: missing })).rejects.toThrow(
      /exited \(1\)[\s\S]*no build in .*not-built.*npm run build/,
    );
  });
});
