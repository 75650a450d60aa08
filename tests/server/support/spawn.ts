import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A server running in a process of its own, as in production. */
export interface ChildServer {
  url: string;
  child: ChildProcessWithoutNullStreams;
  /** Everything the server wrote to stderr so far. */
  stderr: () => string;
  /** Resolves with the exit code once the process has exited (null if a signal killed it). */
  exited: Promise<number | null>;
}

/**
 * Starts `entry` (a TypeScript file run through tsx) with `env` (PORT defaults to 0, HOST to unset) and waits for its "Learnable at <url>/" line:
 * `await spawnServer('src/server/main.ts', { PORT: '0', LEARNABLE_DIST: site })` → `{ url, child, exited }`.
 * Fails if the process exits or stays silent for 60 s.
 */
export function spawnServer(entry: string, env: Record<string, string>): Promise<ChildServer> {
  // An inherited HOST (some shells export one) would change what a test of the defaults sees.
  const inherited = { ...process.env };
  delete inherited.HOST;
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...inherited, PORT: '0', ...env },
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return new Promise((resolveStart, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${entry} printed no address within 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = /Learnable at (http:\/\/\S+?)\/ /.exec(stdout);
      if (!found?.[1]) return;
      clearTimeout(timer);
      resolveStart({ url: found[1], child, stderr: () => stderr, exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`${entry} exited (${code}) before listening:\n${stderr}`));
    });
  });
}
