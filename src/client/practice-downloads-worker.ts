/**
 * A worker that makes a practice set's downloads off the page's main thread (each takes up to
 * ~100 ms for 50 networks, and the `blob:` address of a file of megabytes waits for the browser to
 * store it): sent `{ options, kinds }`, it makes the set again from its options (the same options give
 * the same set) and posts back each `DownloadLink` as it is made. The addresses live as long as the
 * worker, so the page keeps it.
 */
import { generatePracticeSet } from '../domain/practice-set';
import type { PracticeSetOptions } from '../domain/schema/practice-set';
import { downloadLink, type DownloadKind, type DownloadLink } from './practice-downloads';

/** What the page asks for. */
export interface DownloadsRequest {
  options: PracticeSetOptions;
  kinds: DownloadKind[];
}

/** What the worker answers: a download made, or why none could be. */
export type DownloadsReply = DownloadLink | { error: string };

// Typed by hand: the project's TypeScript knows the DOM's globals, not a worker's.
const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<DownloadsRequest>) => void) | null;
  postMessage(reply: DownloadsReply): void;
};

scope.onmessage = ({ data: { options, kinds } }) => {
  const set = generatePracticeSet(options);
  if (!set.ok) return scope.postMessage({ error: set.error.map((p) => p.message).join('; ') });
  for (const kind of kinds) scope.postMessage(downloadLink(kind, options, set.value));
};
