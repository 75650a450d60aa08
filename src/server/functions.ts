import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The part of Netlify's `Context` that the self-host server provides (Netlify's has geo, site, deploy…
 * which have no meaning on one machine). Handlers that only take the `Request`, as ours do, ignore it.
 */
export interface FunctionContext {
  /** The client's address as the socket sees it (no X-Forwarded-For is trusted). */
  ip: string;
  requestId: string;
  /** Named segments of the matched `config.path`: `/api/sets/:id` → `{ id: '…' }`. */
  params: Record<string, string>;
}

/** A Netlify Functions v2 default export: a Web-standard handler. */
export type FunctionHandler = (request: Request, context: FunctionContext) => Response | Promise<Response>;

/** One function of netlify/functions/, ready to mount. */
export interface NetlifyFunction {
  name: string;
  file: string;
  /** Where it answers: `config.path`, or `/.netlify/functions/<name>` when it has none (as on Netlify). */
  paths: string[];
  /** `config.method` in upper case, or undefined for every method. */
  methods: string[] | undefined;
  /** `config.schedule` of a scheduled function (`@daily`): run on a timer, and not served at any path. */
  schedule?: string;
  handler: FunctionHandler;
}

const EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** The entry file of a functions-folder entry, as Netlify finds it: `score.ts`, or `score/score.ts` or `score/index.ts`. */
function entryOf(directory: string, entry: { name: string; isFile(): boolean; isDirectory(): boolean }) {
  if (entry.isFile()) return EXTENSIONS.includes(extname(entry.name)) ? join(directory, entry.name) : undefined;
  if (!entry.isDirectory()) return undefined;
  const candidates = EXTENSIONS.flatMap((ext) => [`${entry.name}${ext}`, `index${ext}`]);
  const found = candidates.find((file) => existsSync(join(directory, entry.name, file)));
  return found && join(directory, entry.name, found);
}

const asList = (value: unknown): string[] | undefined =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.map(String) : undefined;

/**
 * Imports every function in `directory` and reads its `config`:
 * `await discoverFunctions('netlify/functions') → [{ name: 'score', paths: ['/api/score'], … }]`.
 * A file whose default export is not a function is an error, not a silent gap in the routes.
 */
export async function discoverFunctions(directory: string): Promise<NetlifyFunction[]> {
  if (!existsSync(directory)) return [];
  const entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  const functions: NetlifyFunction[] = [];
  for (const entry of entries) {
    const file = entryOf(directory, entry);
    if (!file) continue;
    const name = entry.isDirectory() ? entry.name : basename(entry.name, extname(entry.name));
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown; config?: Record<string, unknown> };
    if (typeof module.default !== 'function') {
      throw new TypeError(`${file}: the default export must be the function's handler`);
    }
    const schedule = typeof module.config?.schedule === 'string' ? module.config.schedule : undefined;
    functions.push({
      name,
      file,
      // As on Netlify in production, a scheduled function has no address of its own.
      paths: asList(module.config?.path) ?? (schedule ? [] : [`/.netlify/functions/${name}`]),
      methods: asList(module.config?.method)?.map((method) => method.toUpperCase()),
      ...(schedule !== undefined && { schedule }),
      handler: module.default as FunctionHandler,
    });
  }
  return functions;
}
