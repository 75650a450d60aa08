import { AssignmentService } from './assignment-service';
import { AssignmentStore } from './assignment-store';
import { netlifyBlobStore } from './blob-store';

/**
 * The assignment service over the Netlify Blobs store the environment describes (Netlify's runtime,
 * `netlify serve`, or the self-host server's local BlobsServer). Made per request: the runtime may
 * hand each invocation its own credentials.
 */
export const netlifyService = () => new AssignmentService(new AssignmentStore(netlifyBlobStore()));
