// The server in a process of its own with the tests' short timeouts. The hostile tests need this:
// a client in the server's own event loop reads every answer before a reset could destroy it, so
// only across processes does a server that closes too early show.
import { startServer } from '../../../src/server/server';
import { TEST_TIMEOUTS } from './http';

const dist = process.env.LEARNABLE_DIST;
const starting = startServer({ ...(dist ? { dist } : {}), port: 0, warm: false, timeouts: TEST_TIMEOUTS });
process.on('SIGTERM', () => void starting.then((running) => running.close()).then(() => process.exit(0)));
console.log(`Learnable at ${(await starting).url}/ (test server)`);
