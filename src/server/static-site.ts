import { readFile } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import { getMimeType } from 'hono/utils/mime';
import { headersFor, type HeaderRule } from './netlify-config';
import { problemResponse } from './problem';

type Encoding = 'br' | 'gzip' | 'identity';

interface Asset {
  /** Absolute file path. */
  file: string;
  type: string;
  size: number;
  mtime: Date;
  /** Worth compressing: a text type of at least `MIN_COMPRESS` bytes. */
  compressible: boolean;
}

/** The built site, served from memory. */
export interface StaticSite {
  /** How many files it serves. */
  readonly files: number;
  /** Answers a GET or HEAD for the request's path (any other method gets a 405 problem). */
  respond(request: Request): Promise<Response>;
  /** Reads and compresses every file ahead of the first request for it. */
  warm(): Promise<void>;
}

// Below a kilobyte the headers outweigh what compression saves (hono's compress uses the same bound).
const MIN_COMPRESS = 1024;
// Astro names everything under /_astro/ by its content hash: a changed file is a new URL.
const IMMUTABLE = 'public, max-age=31536000, immutable';
// Everything else (pages, favicon, openapi.json) is revalidated on every use, as Netlify does; the ETag keeps that cheap.
const REVALIDATE = 'public, max-age=0, must-revalidate';

const compressors: Record<Exclude<Encoding, 'identity'>, (data: Buffer) => Promise<Buffer>> = {
  br: (data) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    }),
  gzip: (data) => promisify(gzip)(data, { level: constants.Z_BEST_COMPRESSION }),
};

/** The best encoding the client accepts: `chooseEncoding('gzip, deflate, br') → 'br'`; q=0 refuses one. */
export function chooseEncoding(acceptEncoding: string | null): Encoding {
  const accepts = parseAccept(acceptEncoding ?? '');
  const wildcard = accepts.find((a) => a.type === '*')?.q ?? 0;
  let best: { encoding: Encoding; q: number } = { encoding: 'identity', q: 0 };
  for (const encoding of ['br', 'gzip'] as const) {
    const q = accepts.find((a) => a.type.toLowerCase() === encoding)?.q ?? wildcard;
    if (q > best.q) best = { encoding, q };
  }
  return best.encoding;
}

/** URL path of a file under `root`: `urlPath('/d', '/d/quiz/index.html') → '/quiz/index.html'`. */
const urlPath = (root: string, file: string) => '/' + relative(root, file).split(sep).join('/');

/** `"<mtime>-<size>[-<encoding>]"`, as nginx forms it: no need to read a file to name its version. */
const etagOf = (asset: Asset, encoding: Encoding) =>
  `"${asset.mtime.getTime().toString(36)}-${asset.size.toString(36)}${encoding === 'identity' ? '' : `-${encoding}`}"`;

const matchesEtag = (ifNoneMatch: string | null, etag: string) =>
  ifNoneMatch !== null && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);

/**
 * Indexes the build in `root` (paths and sizes only; bytes are read on first use and kept) and serves it
 * the way Netlify does: `/quiz/` → quiz/index.html, `/quiz` → 301 `/quiz/`, `/404` → 404.html, unknown →
 * 404.html with status 404, netlify.toml's headers on every response:
 * `loadSite('dist', rules).respond(GET /quiz/) → 200 text/html, br when accepted`.
 * Only files that exist at start are served, so no path can reach outside `root`; restart after a rebuild.
 */
export function loadSite(root: string, rules: readonly HeaderRule[]): StaticSite {
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const stats = statSync(file);
    const type = getMimeType(entry.name) ?? 'application/octet-stream';
    const compressible = stats.size >= MIN_COMPRESS && COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type);
    assets.set(urlPath(root, file), { file, type, size: stats.size, mtime: stats.mtime, compressible });
  }

  const bytes = new Map<string, Promise<Buffer>>();
  const read = (asset: Asset, encoding: Encoding): Promise<Buffer> => {
    const key = `${encoding}:${asset.file}`;
    let pending = bytes.get(key);
    if (!pending) {
      pending = encoding === 'identity' ? readFile(asset.file) : read(asset, 'identity').then(compressors[encoding]);
      // A failed read (a file deleted under us) is retried next time rather than cached.
      pending.catch(() => bytes.delete(key));
      bytes.set(key, pending);
    }
    return pending;
  };

  async function send(request: Request, path: string, asset: Asset, status: number): Promise<Response> {
    const encoding = asset.compressible ? chooseEncoding(request.headers.get('accept-encoding')) : 'identity';
    const etag = etagOf(asset, encoding);
    const headers: Record<string, string> = {
      // hono's MIME table already names UTF-8 for text types.
      'Content-Type': asset.type,
      'Cache-Control': path.startsWith('/_astro/') && status === 200 ? IMMUTABLE : REVALIDATE,
      ETag: etag,
      'Last-Modified': asset.mtime.toUTCString(),
      ...(asset.compressible ? { Vary: 'Accept-Encoding' } : {}),
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
      ...headersFor(rules, path),
    };
    if (status === 200 && matchesEtag(request.headers.get('if-none-match'), etag)) {
      return new Response(null, { status: 304, headers });
    }
    // fs and zlib hand out Buffers over plain ArrayBuffers, never shared memory.
    const body = (await read(asset, encoding)) as Uint8Array<ArrayBuffer>;
    // Set here so that HEAD, whose body hono drops, still tells the length.
    headers['Content-Length'] = String(body.byteLength);
    return new Response(body, { status, headers });
  }

  async function respond(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const path = url.pathname;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return problemResponse(405, `pages answer GET and HEAD only, not ${request.method}`, {
        ...headersFor(rules, path),
        Allow: 'GET, HEAD',
      });
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      decoded = '';
    }
    const direct = assets.get(decoded.endsWith('/') ? `${decoded}index.html` : decoded);
    if (direct) return send(request, path, direct, 200);
    if (decoded && assets.has(`${decoded}/index.html`)) {
      const headers = { ...headersFor(rules, path), Location: `${path}/${url.search}` };
      return new Response(null, { status: 301, headers });
    }
    const page = assets.get(`${decoded}.html`);
    if (decoded && page) return send(request, path, page, 200);
    const notFound = assets.get('/404.html');
    if (notFound) return send(request, path, notFound, 404);
    return problemResponse(404, `there is no page at ${path}`, headersFor(rules, path));
  }

  async function warm() {
    for (const asset of assets.values()) {
      await read(asset, 'identity');
      if (asset.compressible) await Promise.all([read(asset, 'br'), read(asset, 'gzip')]);
    }
  }

  return { files: assets.size, respond, warm };
}
