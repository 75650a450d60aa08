import { blobsContext, startLocalBlobs, type LocalBlobs } from '../store/local-blobs';

/** The variable Netlify's runtime (and netlify-cli) describes the Blobs store in; `getStore()` reads it. */
const CONTEXT_VARIABLE = 'NETLIFY_BLOBS_CONTEXT';

/**
 * Starts Netlify's local Blobs server over `directory` and tells the functions of this process where it
 * is, as Netlify does: through NETLIFY_BLOBS_CONTEXT. `stop()` puts back what the variable held before.
 * One folder per process: a second server in the same process points the functions at its own.
 */
export async function startDataStore(directory: string): Promise<LocalBlobs> {
  const blobs = await startLocalBlobs(directory);
  const before = process.env[CONTEXT_VARIABLE];
  process.env[CONTEXT_VARIABLE] = blobsContext(blobs.connection);
  return {
    ...blobs,
    stop: async () => {
      if (before === undefined) delete process.env.NETLIFY_BLOBS_CONTEXT;
      else process.env[CONTEXT_VARIABLE] = before;
      await blobs.stop();
    },
  };
}
