import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAssignmentHandler } from '../../functions/assignments';
import { generatePracticeSet, type PracticeItem } from '../../src/domain/practice-set';
import type { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { AssignmentService } from '../../src/store/assignment-service';
import { AssignmentStore } from '../../src/store/assignment-store';
import { netlifyBlobStore, type KeyValueStore } from '../../src/store/blob-store';
import { startLocalBlobs, type LocalBlobs } from '../../src/store/local-blobs';

export const ORIGIN = 'https://learnable.example';

/** The assignment handler over Netlify's real local BlobsServer in a fresh temporary folder, and a clock to move. */
export interface LiveApi {
  handle: (request: Request) => Promise<Response>;
  kv: KeyValueStore;
  store: AssignmentStore;
  blobs: LocalBlobs;
  /** The handler's clock; tests move it (`api.clock.now = new Date(…)`). */
  clock: { now: Date };
  stop(): Promise<void>;
}

export async function startLiveApi(start = new Date('2030-03-01T09:00:00Z')): Promise<LiveApi> {
  const directory = mkdtempSync(join(tmpdir(), 'learnable-blobs-'));
  const blobs = await startLocalBlobs(directory);
  const kv = netlifyBlobStore(blobs.connection);
  const store = new AssignmentStore(kv);
  const clock = { now: start };
  const handle = createAssignmentHandler({ service: () => new AssignmentService(store), now: () => clock.now });
  return {
    handle,
    kv,
    store,
    blobs,
    clock,
    stop: async () => {
      await blobs.stop();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** A request to the API as a browser or script sends it: `call(api, 'POST', '/api/assignments', body)`. */
export function call(
  api: Pick<LiveApi, 'handle'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] ??= 'application/json';
  }
  return api.handle(new Request(`${ORIGIN}${path}`, init));
}

export const auth = (key: string) => ({ Authorization: `Bearer ${key}` });

/** A set's options with the schema's defaults filled in. */
export const setOptions = (options: Partial<PracticeSetOptions> & { seed: string }): PracticeSetOptions => ({
  version: 2,
  count: 3,
  level: 1,
  include: [],
  exclude: [],
  askShapes: false,
  ...options,
});

/** The set's networks and their counts, made here by the engine. */
export function itemsOf(options: PracticeSetOptions): PracticeItem[] {
  const items = generatePracticeSet(options);
  if (!items.ok) throw new Error(`set ${options.seed} cannot be made`);
  return items.value;
}

/** Answers every network right, but for `wrong`: `{ 0: { 1: 54 } }` answers network 0's layer 1 with 54. */
export function answersFor(items: PracticeItem[], wrong: Record<number, Record<number, number>> = {}, shapes = false) {
  return items.map((item) => ({
    layers: item.report.layers.map((layer, i) => wrong[item.index]?.[i] ?? layer.params),
    total: item.report.totals.params,
    ...(shapes && { outputShapes: item.report.layers.map((layer) => layer.outputShape) }),
  }));
}
