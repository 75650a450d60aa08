import { getStore, type Store } from '@netlify/blobs';

/** The few operations the assignment store needs from a key-value store of JSON documents. */
export interface KeyValueStore {
  /** The JSON document at `key`, or null when there is none. */
  get(key: string): Promise<unknown>;
  /** Writes `value` at `key`; with `onlyIfNew`, only when nothing is there yet: false means something was. */
  set(key: string, value: unknown, options?: { onlyIfNew?: boolean }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Every key under `prefix`, and with `directories` the folders one level below it instead of their keys. */
  list(prefix: string, options?: { directories?: boolean }): Promise<{ keys: string[]; directories: string[] }>;
}

/** The store could not be reached or answered nonsense: a 503 for the client, never a lost write. */
export class StoreUnavailable extends Error {
  override name = 'StoreUnavailable';
}

/** Where Netlify Blobs is, when it is not taken from the environment (the self-host server's own BlobsServer). */
export interface BlobsConnection {
  siteID: string;
  token: string;
  /** The BlobsServer's address, e.g. `http://127.0.0.1:40123`. */
  edgeURL: string;
}

/** The name of the site-wide store that holds assignments. */
export const STORE_NAME = 'learnable-assignments';

// The local BlobsServer checks If-None-Match and then writes, in two steps: two conditional writes of one
// key at once could both pass. Netlify's own store decides atomically. Within one process, conditional
// writes of a key take turns, which makes the local server as safe for the one process that uses it.
const turns = new Map<string, Promise<unknown>>();
async function inTurn<T>(key: string, run: () => Promise<T>): Promise<T> {
  const before = turns.get(key) ?? Promise.resolve();
  const mine = before.then(run, run);
  const settled = mine.catch(() => undefined);
  turns.set(key, settled);
  try {
    return await mine;
  } finally {
    if (turns.get(key) === settled) turns.delete(key);
  }
}

// A request never waits on the store for longer than this.
const TIMEOUT_MS = 10_000;

const unavailable = (error: unknown) =>
  new StoreUnavailable(`the store did not answer: ${error instanceof Error ? error.message : String(error)}`);

/**
 * Netlify Blobs with strong consistency (a read sees every write that finished before it), as a
 * KeyValueStore. Without `connection` it finds the store as Netlify's runtime (and `netlify serve`)
 * describe it in the environment (NETLIFY_BLOBS_CONTEXT): `netlifyBlobStore()`.
 */
export function netlifyBlobStore(connection?: BlobsConnection, name = STORE_NAME): KeyValueStore {
  let store: Store | undefined;
  const open = () =>
    (store ??= connection
      ? getStore({ name, consistency: 'strong', ...connection, uncachedEdgeURL: connection.edgeURL })
      : getStore({ name, consistency: 'strong' }));
  const call = async <T>(run: (s: Store) => Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    });
    try {
      return await Promise.race([run(open()), late]);
    } catch (error) {
      throw unavailable(error);
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    get: (key) => call((s) => s.get(key, { type: 'json' }) as Promise<unknown>),
    set: (key, value, options = {}) =>
      options.onlyIfNew
        ? inTurn(key, () => call(async (s) => (await s.setJSON(key, value, { onlyIfNew: true })).modified))
        : call(async (s) => (await s.setJSON(key, value)).modified || true),
    delete: (key) => call((s) => s.delete(key)),
    list: (prefix, options = {}) =>
      call(async (s) => {
        const { blobs, directories } = await s.list({ prefix, directories: options.directories ?? false });
        return { keys: blobs.map((b) => b.key), directories: directories.map((d) => d.replace(/\/$/, '')) };
      }),
  };
}
