// The self-host server's command line: `node --import tsx src/server/main.ts`, configured by
// PORT (default 8888), HOST (default 127.0.0.1), LEARNABLE_DIST (default dist/) and LEARNABLE_DATA
// (default .learnable-data/: where assignments and submissions are kept).
import { startServer, type RunningServer, type ServerOptions } from './server';

/** A port from the environment: `parsePort('8080') → 8080`; anything but 0–65535 is refused. */
function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 8888;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT must be 0–65535, not ${value}`);
  return port;
}

let running: RunningServer | undefined;
let stopping = false;
// Listening for signals before the address is printed: whoever reads that line may signal at once.
const stop = async (signal: NodeJS.Signals) => {
  // A second Ctrl-C means now; a signal during start-up has nothing to finish.
  if (stopping || !running) process.exit(stopping ? 130 : 0);
  stopping = true;
  console.log(`${signal}: finishing in-flight requests…`);
  const { cut } = await running.close();
  console.log(cut ? `stopped; cut ${cut} connection(s) still busy at the deadline` : 'stopped');
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);

try {
  const options: ServerOptions = { port: parsePort(process.env.PORT), host: process.env.HOST || '127.0.0.1' };
  if (process.env.LEARNABLE_DIST) options.dist = process.env.LEARNABLE_DIST;
  if (process.env.LEARNABLE_DATA) options.data = process.env.LEARNABLE_DATA;
  running = await startServer(options);
  const routes = running.functions.flatMap((fn) => fn.paths).join(', ');
  console.log(
    `Learnable at ${running.url}/ (site: ${running.dist}; data: ${running.data}; functions: ${routes || 'none'})`,
  );
} catch (error) {
  console.error(`Learnable could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
