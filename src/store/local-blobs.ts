import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { BlobsConnection } from './blob-store';

/** Netlify's own local Blobs server, running over a folder. */
export interface LocalBlobs {
  connection: BlobsConnection;
  /** The folder the data live in (entries/ and metadata/ inside it). */
  directory: string;
  stop(): Promise<void>;
}

/** The site id the local store files its data under (`<directory>/entries/<siteID>/…`); the same every start. */
export const LOCAL_SITE_ID = 'learnable-local';

/**
 * Starts `BlobsServer` from `@netlify/blobs/server` (what netlify-cli runs for its sandbox) over
 * `directory`, on a free port, with a fresh random token every client must present:
 * `await startLocalBlobs('.learnable-data')`. Data written by an earlier start are there again.
 * It runs in a worker thread (blobs-worker.mjs says why), so the process keeps its own signal handling.
 */
export async function startLocalBlobs(directory: string): Promise<LocalBlobs> {
  const token = randomBytes(16).toString('base64url');
  const worker = new Worker(new URL('./blobs-worker.mjs', import.meta.url), { workerData: { directory, token } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (message: { port: number }) => resolve(message.port));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the local Blobs server stopped at start (exit code ${code})`)));
  });
  worker.removeAllListeners('error').removeAllListeners('exit');
  worker.on('error', (error) => console.error('the local Blobs server failed:', error));
  const exited = once(worker, 'exit');
  let stopped: Promise<void> | undefined;
  return {
    connection: { siteID: LOCAL_SITE_ID, token, edgeURL: `http://127.0.0.1:${port}` },
    directory,
    stop: () =>
      (stopped ??= (async () => {
        // A worker that already died has nothing to stop.
        worker.postMessage('stop');
        await Promise.race([once(worker, 'message'), exited]);
        await worker.terminate();
      })()),
  };
}

/**
 * The connection as Netlify's runtime describes it to functions, base64 JSON in NETLIFY_BLOBS_CONTEXT
 * (as netlify-cli does), so that `getStore()` inside a function finds the local server:
 * `blobsContext(connection) → 'eyJzaXRlSUQiOi…'`.
 */
export function blobsContext({ siteID, token, edgeURL }: BlobsConnection): string {
  const context = { siteID, token, edgeURL, uncachedEdgeURL: edgeURL, deployID: '0', primaryRegion: 'dev' };
  return Buffer.from(JSON.stringify(context)).toString('base64');
}
