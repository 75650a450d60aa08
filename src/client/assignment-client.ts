/**
 * The browser's side of the assignment API: one fetch wrapper that turns every way a call can fail
 * into a sentence for the reader, with the problem's type and pointers kept for the page to use.
 */

/** A refused or failed call: what to tell the reader, and what the API said. */
export interface CallFailure {
  ok: false;
  status: number;
  message: string;
  /** The problem's type slug ("no-attempts-left"), when the API sent one. */
  type?: string;
  /** JSON Pointers of the problems (a 422), with their details. */
  errors: { pointer: string; detail: string }[];
  /** Seconds to wait, from Retry-After (429, 503). */
  retryAfter?: number;
}

export type CallResult<T> = { ok: true; status: number; value: T; response: Response } | CallFailure;

const TIMEOUT_MS = 20_000;

/** Reads a problem+json body, or nothing. */
async function problemOf(response: Response) {
  try {
    const body: unknown = await response.json();
    if (!body || typeof body !== 'object') return null;
    const { type, detail, errors } = body as { type?: unknown; detail?: unknown; errors?: unknown };
    return {
      type: typeof type === 'string' ? type.replace(/^\/api\/#/, '') : undefined,
      detail: typeof detail === 'string' ? detail : undefined,
      errors: Array.isArray(errors)
        ? errors.filter(
            (e): e is { pointer: string; detail: string } =>
              typeof e?.pointer === 'string' && typeof e?.detail === 'string',
          )
        : [],
    };
  } catch {
    return null;
  }
}

/**
 * Calls the API: `await callApi('POST', '/api/assignments', { body })`, `callApi('GET', path, { bearer: key })`.
 * `read` turns a successful response into its value (JSON by default).
 */
export async function callApi<T>(
  method: string,
  path: string,
  options: { body?: unknown; bearer?: string; accept?: string; read?: (response: Response) => Promise<T> } = {},
): Promise<CallResult<T>> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.bearer) headers['Authorization'] = `Bearer ${options.bearer}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch {
    const message = controller.signal.aborted
      ? 'The server took too long to answer.'
      : 'The server could not be reached (are you offline?).';
    return { ok: false, status: 0, message, errors: [] };
  } finally {
    clearTimeout(timer);
  }
  if (response.ok) {
    try {
      const value = options.read
        ? await options.read(response)
        : ((response.status === 204 ? null : await response.json()) as T);
      return { ok: true, status: response.status, value, response };
    } catch {
      return {
        ok: false,
        status: response.status,
        message: 'The server sent a reply this page could not read.',
        errors: [],
      };
    }
  }
  const problem = await problemOf(response);
  const retry = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    status: response.status,
    message: problem?.detail
      ? `${problem.detail[0]?.toUpperCase() ?? ''}${problem.detail.slice(1)}.`
      : `The server answered with error ${response.status}.`,
    ...(problem?.type !== undefined && { type: problem.type }),
    errors: problem?.errors ?? [],
    ...(Number.isFinite(retry) && retry > 0 && { retryAfter: retry }),
  };
}

/** Local time in words: `whenText('2030-03-01T09:00:00Z') → 'Friday 1 March 2030 at 10:00'` (in the reader's zone). */
export function whenText(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
}

/** Local time, short, for tables: `shortWhen('2030-03-01T09:00:00Z') → 'Mar 1, 2030, 10:00 AM'`. */
export function shortWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The day in words: `dayText('2030-08-28T09:00:00Z') → '28 August 2030'`. */
export function dayText(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, { dateStyle: 'long' });
}

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** Reads a JSON value kept in this browser, or null. */
export function loadLocal<T>(key: string): T | null {
  try {
    const text = storage()?.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

/** Keeps a JSON value in this browser (or forgets it: null); storage that is blocked is no error. */
export function saveLocal(key: string, value: unknown): void {
  try {
    if (value === null) storage()?.removeItem(key);
    else storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Blocked or full: the page still works until it is closed.
  }
}
