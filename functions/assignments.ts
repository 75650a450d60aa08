import { ASSIGNMENT_LIMITS as A } from '../src/domain/assignment-limits';
import { ASSIGNMENT_ID, SUBMISSION_ID } from '../src/domain/schema/assignment';
import type { Outcome, Refusal } from '../src/store/assignment-service';
import { AssignmentService } from '../src/store/assignment-service';
import { StoreUnavailable } from '../src/store/blob-store';
import { bearer, commonProblem, invalidResponse, problemResponse, readJsonBody, send } from './http';

/** Each refusal's status, problem type (documented at /api/#<slug>) and title. */
const REFUSALS: Record<Exclude<Refusal['kind'], 'invalid'>, [number, string, string]> = {
  'not-found': [404, 'not-found', 'No such assignment or submission'],
  'missing-key': [401, 'missing-key', 'This needs a key'],
  'wrong-key': [403, 'wrong-key', 'The key does not open this assignment'],
  'wrong-token': [403, 'wrong-token', 'The token does not open this submission'],
  closed: [409, 'assignment-closed', 'The assignment is past its due date'],
  'no-attempts-left': [409, 'no-attempts-left', 'No attempts are left'],
  'class-full': [409, 'class-full', 'The assignment has all the students it can take'],
  'already-submitted': [409, 'already-submitted', 'This attempt is already stored'],
  'too-many': [429, 'too-many-submissions', 'Too many requests in a short time'],
};

/** What a 422 is called on each route. */
const INVALID = {
  assignment: ['invalid-assignment', 'The assignment cannot be made as asked'],
  submission: ['invalid-submission', 'The submission cannot be scored'],
} as const;

function refusalResponse(refusal: Refusal, invalid: keyof typeof INVALID): Response {
  if (refusal.kind === 'invalid') {
    const [slug, title] = INVALID[invalid];
    return invalidResponse(slug, title, refusal.errors);
  }
  const [status, slug, title] = REFUSALS[refusal.kind];
  const extra: Record<string, string> =
    refusal.kind === 'too-many'
      ? { 'Retry-After': String(refusal.retryAfter) }
      : refusal.kind === 'missing-key'
        ? { 'WWW-Authenticate': 'Bearer' }
        : {};
  return problemResponse(status, slug, title, refusal.detail, [{ pointer: '', detail: refusal.detail }], extra);
}

const answer = <T>(outcome: Outcome<T>, invalid: keyof typeof INVALID, ok: (value: T) => Response) =>
  outcome.ok ? ok(outcome.value) : refusalResponse(outcome, invalid);

/** The paths under /api/assignments: the id, then submissions (with a submission id) or results. */
const ROUTE = /^\/api\/assignments(?:\/([^/]*)(?:\/(submissions|results)(?:\/([^/]*))?)?)?\/?$/;

type Route =
  | { name: 'assignments' }
  | { name: 'assignment'; id: string }
  | { name: 'submissions'; id: string }
  | { name: 'submission'; id: string; submissionId: string }
  | { name: 'results'; id: string };

const METHODS: Record<Route['name'], string> = {
  assignments: 'POST, OPTIONS',
  assignment: 'GET, HEAD, DELETE, OPTIONS',
  submissions: 'POST, OPTIONS',
  submission: 'GET, HEAD, DELETE, OPTIONS',
  results: 'GET, HEAD, OPTIONS',
};

/** Which route a path is, or why it is none: `route('/api/assignments/abc/results')`. */
function route(pathname: string): Route | { name: 'unknown'; detail: string } {
  const match = ROUTE.exec(pathname);
  if (!match) return { name: 'unknown', detail: `no endpoint at ${pathname.slice(0, 200)}` };
  const [, id, child, submissionId] = match;
  if (id === undefined) return { name: 'assignments' };
  if (!ASSIGNMENT_ID.test(id)) return { name: 'unknown', detail: 'an assignment id is 22 letters, digits, "-" or "_"' };
  if (child === undefined) return { name: 'assignment', id };
  if (child === 'results')
    return submissionId === undefined
      ? { name: 'results', id }
      : { name: 'unknown', detail: 'no endpoint below results' };
  if (submissionId === undefined) return { name: 'submissions', id };
  if (!SUBMISSION_ID.test(submissionId))
    return { name: 'unknown', detail: 'a submission id is three digits, such as "007"' };
  return { name: 'submission', id, submissionId };
}

/** Whether the client asked for CSV: `?format=csv`, or an Accept that prefers text/csv to JSON. */
const wantsCsv = (url: URL, request: Request) =>
  url.searchParams.get('format') === 'csv' || /^text\/csv\b/i.test(request.headers.get('accept') ?? '');

/** Dependencies a deployment gives the handler: its store and, for tests, a clock. */
export interface AssignmentDeps {
  service: () => AssignmentService;
  now?: () => Date;
}

/**
 * The assignment endpoints as one Web-standard handler, routed by path and method:
 * POST /api/assignments · GET, DELETE /api/assignments/{id} · POST /api/assignments/{id}/submissions ·
 * GET, DELETE /api/assignments/{id}/submissions/{submissionId} · GET /api/assignments/{id}/results.
 * `createAssignmentHandler({ service: () => new AssignmentService(store) })`.
 */
export function createAssignmentHandler(deps: AssignmentDeps): (request: Request) => Promise<Response> {
  const clock = deps.now ?? (() => new Date());
  return async (request) => {
    try {
      const url = new URL(request.url);
      const found = route(url.pathname);
      if (found.name === 'unknown')
        return problemResponse(404, 'not-found', 'No such assignment or submission', found.detail);
      const allow = METHODS[found.name];
      const method = request.method.toUpperCase();
      if (method === 'OPTIONS') return send(204, null, { 'Access-Control-Allow-Methods': allow });
      if (!allow.split(', ').includes(method)) {
        return commonProblem(405, `${allow.replace(', OPTIONS', '')} here; ${method} is not supported`, {
          Allow: allow,
        });
      }
      const head = method === 'HEAD';
      const response = await serve(found, method === 'HEAD' ? 'GET' : method, request, url, deps.service(), clock());
      return head ? new Response(null, { status: response.status, headers: response.headers }) : response;
    } catch (error) {
      if (error instanceof StoreUnavailable) {
        const detail = 'the store of assignments did not answer; nothing was changed, try again in a few seconds';
        return problemResponse(503, 'store-unavailable', 'Storage is unavailable', detail, undefined, {
          'Retry-After': '5',
        });
      }
      // Unreachable by design (the fuzz tests look for it); never leak a stack trace.
      return commonProblem(500, 'the request could not be handled; please report it');
    }
  };
}

async function serve(found: Route, method: string, request: Request, url: URL, service: AssignmentService, now: Date) {
  const origin = url.origin;
  switch (found.name) {
    case 'assignments': {
      const body = await readJsonBody(request, A.maxCreateBytes);
      if (!body.ok) return body.response;
      return answer(await service.create(body.value, origin, now), 'assignment', (created) =>
        send(201, created, { Location: `/api/assignments/${created.id}` }),
      );
    }
    case 'assignment':
      if (method === 'DELETE')
        return answer(await service.remove(found.id, bearer(request), now), 'assignment', () => send(204, null));
      return answer(await service.view(found.id, now), 'assignment', (view) => send(200, view));
    case 'submissions': {
      const body = await readJsonBody(request, A.maxSubmissionBytes);
      if (!body.ok) return body.response;
      return answer(await service.submit(found.id, body.value, now), 'submission', (receipt) =>
        send(201, receipt, { Location: `/api/assignments/${found.id}/submissions/${receipt.submissionId}` }),
      );
    }
    case 'submission':
      if (method === 'DELETE') {
        return answer(
          await service.removeSubmission(found.id, found.submissionId, bearer(request), now),
          'submission',
          () => send(204, null),
        );
      }
      return answer(
        await service.ownSubmission(found.id, found.submissionId, bearer(request), now),
        'submission',
        (own) => send(200, own),
      );
    case 'results': {
      const results = await service.results(found.id, bearer(request), origin, now);
      if (!results.ok) return refusalResponse(results, 'assignment');
      if (!wantsCsv(url, request)) return send(200, await results.value.json());
      const name =
        results.value.title
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .replace(/^-|-$/g, '')
          .slice(0, 60) || 'results';
      return send(
        200,
        await results.value.csv(),
        {
          'Content-Disposition': `attachment; filename="results.csv"; filename*=UTF-8''${encodeURIComponent(`learnable-${name}.csv`)}`,
        },
        'text/csv; charset=utf-8',
      );
    }
  }
}
