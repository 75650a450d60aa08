// Netlify's local BlobsServer, in a worker thread of its own. Its dependencies (atomically, through
// when-exit) hook every signal on import and send it to the process again once their clean-up is
// done, which would cut the self-host server's graceful shutdown short (a second SIGTERM means
// "now"); a worker thread receives no signals. Started and stopped by local-blobs.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { BlobsServer } from '@netlify/blobs/server';

const server = new BlobsServer({ directory: workerData.directory, token: workerData.token });
const { port } = await server.start();
parentPort?.postMessage({ port });
parentPort?.on('message', async (message) => {
  if (message !== 'stop') return;
  await server.stop();
  parentPort?.postMessage({ stopped: true });
});
