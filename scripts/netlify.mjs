// Runs netlify-cli offline with what it needs on this kind of machine, and forwards signals.
import { spawn } from 'node:child_process';
import { delimiter, resolve } from 'node:path';

/** Runs `netlify <args>` with the project's bin folder (and so Deno) on PATH; resolves with its exit code. */
export function runNetlify(args) {
  const bin = resolve(import.meta.dirname, '..', 'node_modules', '.bin');
  const child = spawn('netlify', args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      // netlify-cli's offline server needs a Deno binary for its edge-function runtime;
      // the `deno` dev dependency puts one here.
      PATH: `${bin}${delimiter}${process.env.PATH}`,
      BROWSER: 'none',
      ASTRO_TELEMETRY_DISABLED: '1',
      NETLIFY_TELEMETRY_DISABLED: '1',
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))));
}
