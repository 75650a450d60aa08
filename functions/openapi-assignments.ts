import { ASSIGNMENT_LIMITS as A } from '../src/domain/assignment-limits';
import { generatePracticeSet } from '../src/domain/practice-set';
import {
  AssignmentRequest,
  ClassResults,
  CreatedAssignment,
  OwnSubmission,
  PublicAssignment,
  SubmissionReceipt,
  SubmissionRequest,
} from '../src/domain/schema/assignment';
import type { PracticeSetOptions } from '../src/domain/schema/practice-set';
import { jsonBody, problem as problemDetails } from './openapi-parts';

/** The schemas the assignment endpoints add to the document's components, by id. */
export const ASSIGNMENT_SCHEMAS = {
  AssignmentRequest,
  CreatedAssignment,
  PublicAssignment,
  SubmissionRequest,
  SubmissionReceipt,
  OwnSubmission,
  ClassResults,
};

const EXAMPLE_SET: PracticeSetOptions = {
  version: 2,
  seed: 'week-3',
  count: 2,
  level: 2,
  include: [],
  exclude: [],
  askShapes: true,
};

// The example's networks, made by the engine, so that the submission example answers them.
const items = generatePracticeSet(EXAMPLE_SET);
const networks = items.ok ? items.value : [];

/** Examples of the two request bodies; a test sends them in order (make the assignment, then submit) and expects 201. */
export const ASSIGNMENT_EXAMPLES = {
  create: {
    summary: 'An assignment of two level-2 networks, output shapes asked, one attempt, feedback at once',
    value: { title: 'Week 3: counting convolutions', set: EXAMPLE_SET, attempts: 1, feedback: 'immediate' },
  },
  submission: {
    summary: 'A student’s answers: network 1 right; in network 2 the first layer’s biases forgotten',
    value: {
      displayName: 'Ada L.',
      answers: networks.map(({ index, report }) => ({
        layers: report.layers.map((layer, i) => (index === 1 && i === 0 ? layer.weights : layer.params)),
        total: report.totals.params,
        outputShapes: report.layers.map((layer) => layer.outputShape),
      })),
    },
  },
};

/** A problem response whose example has one error: `problem('No token', 'missing-key', 'This needs a key', 401, '…')`. */
const problem = (description: string, slug: string, title: string, status: number, detail: string, pointer = '') =>
  problemDetails(description, { type: `/api/#${slug}`, title, status, detail, errors: [{ pointer, detail }] });

const json = (id: string, description: string, example?: unknown) => ({
  description,
  content: {
    'application/json': { schema: { $ref: `#/components/schemas/${id}` }, ...(example !== undefined && { example }) },
  },
});

const ID = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The assignment id (22 characters)',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' },
};
const SUBMISSION = {
  name: 'submissionId',
  in: 'path',
  required: true,
  description: "A student's submission (three digits)",
  schema: { type: 'string', pattern: '^\\d{3}$' },
};

const notFound = problem(
  'No such assignment (or it was deleted)',
  'not-found',
  'No such assignment or submission',
  404,
  `no assignment has this id (an assignment is deleted ${A.retentionDays} days after its due date, or by its instructor)`,
);
const missingKey = problem(
  'No Authorization: Bearer header',
  'missing-key',
  'This needs a key',
  401,
  "send the instructor key (from the results link's #key=…) as Authorization: Bearer <key>",
);
const wrongKey = problem(
  'The key is not this assignment’s',
  'wrong-key',
  'The key does not open this assignment',
  403,
  'this key does not open this assignment',
);
const unavailable = problem(
  'The store did not answer (never for a bad request)',
  'store-unavailable',
  'Storage is unavailable',
  503,
  'the store of assignments did not answer; nothing was changed, try again in a few seconds',
);
const tooLarge = (limit: number) =>
  problem(
    `A body over ${limit} bytes`,
    'body-too-large',
    'The body is too large',
    413,
    `the body may be at most ${limit} bytes`,
  );
const malformed = problem(
  'The body is not JSON (or not UTF-8)',
  'malformed-json',
  'The body is not valid JSON',
  400,
  'Unexpected end of JSON input',
);
const mediaType = problem(
  'A Content-Type other than JSON',
  'unsupported-media-type',
  'The body must be JSON',
  415,
  'send Content-Type: application/json (got text/plain)',
);
const instructor = [{ instructorKey: [] }];

/** A DELETE that needs the instructor key: `deletion('deleteAssignment', 'Delete the assignment …')`. */
const deletion = (operationId: string, summary: string) => ({
  operationId,
  summary,
  security: instructor,
  responses: {
    '204': { description: 'Deleted' },
    '401': missingKey,
    '403': wrongKey,
    '404': notFound,
    '503': unavailable,
  },
});

/** The paths of the assignment endpoints, for the OpenAPI document. */
export function assignmentPaths() {
  return {
    '/api/assignments': {
      post: {
        operationId: 'createAssignment',
        summary: 'Make an assignment from a practice set',
        description: `Answers 201 with the assignment's id, the link for students (no seed, no key) and the instructor's results link, which carries a key of 256 random bits in its fragment; only the key's SHA-256 is stored. Kept ${A.retentionDays} days after its due date (or after it is made, without one), then deleted with every submission.`,
        requestBody: jsonBody('AssignmentRequest', A.maxCreateBytes, { create: ASSIGNMENT_EXAMPLES.create }),
        responses: {
          '201': {
            ...json('CreatedAssignment', 'Made'),
            headers: { Location: { schema: { type: 'string' }, description: '/api/assignments/{id}' } },
          },
          '400': malformed,
          '413': tooLarge(A.maxCreateBytes),
          '415': mediaType,
          '422': problem(
            'The assignment cannot be made as asked; one error per problem, with its pointer',
            'invalid-assignment',
            'The assignment cannot be made as asked',
            422,
            'the due date must be in the future',
            '/dueAt',
          ),
          '429': problem(
            `More than ${A.createsPerMinute} assignments made on the site this minute (Retry-After says when to try again)`,
            'too-many-submissions',
            'Too many requests in a short time',
            429,
            `this site makes at most ${A.createsPerMinute} assignments a minute; try again in a minute`,
          ),
          '503': unavailable,
        },
      },
    },
    '/api/assignments/{id}': {
      parameters: [ID],
      get: {
        operationId: 'getAssignment',
        summary: 'The networks to answer, without their answers',
        responses: {
          '200': json('PublicAssignment', 'The assignment as a student sees it'),
          '404': notFound,
          '503': unavailable,
        },
      },
      delete: deletion('deleteAssignment', 'Delete the assignment and every submission (instructor key)'),
    },
    '/api/assignments/{id}/submissions': {
      parameters: [ID],
      post: {
        operationId: 'submit',
        summary: "Submit a student's answers to every network",
        description: `Scored as /api/score scores each network of the set (the server makes the networks), and stored as an attempt of its own. Without studentToken it is a new student (at most ${A.maxStudents}); with the token of the first submission, a further attempt (as many as the assignment allows; the latest counts). At most ${A.submissionsPerMinute} submissions a minute per assignment, and one every ${A.studentGapSeconds} s per student: a 429 says in Retry-After when to send again.`,
        requestBody: jsonBody('SubmissionRequest', A.maxSubmissionBytes, {
          submission: ASSIGNMENT_EXAMPLES.submission,
        }),
        responses: {
          '201': {
            ...json('SubmissionReceipt', 'Stored; with feedback open, each network’s verdicts'),
            headers: { Location: { schema: { type: 'string' } } },
          },
          '400': malformed,
          '404': notFound,
          '409': problem(
            'Past the due date (assignment-closed), every attempt used (no-attempts-left), 500 students already (class-full), or the same attempt sent twice at once (already-submitted)',
            'no-attempts-left',
            'No attempts are left',
            409,
            'this assignment allows 1 submission per student, and all are used',
          ),
          '413': tooLarge(A.maxSubmissionBytes),
          '415': mediaType,
          '422': problem(
            'The submission cannot be scored; one error per problem, with its pointer',
            'invalid-submission',
            'The submission cannot be scored',
            422,
            'expected 4 answers, one per layer, but got 3 (use null for a layer left unanswered)',
            '/answers/1/layers',
          ),
          '429': problem(
            'Too many submissions this minute, or this student again within 10 s; Retry-After says when to send again',
            'too-many-submissions',
            'Too many requests in a short time',
            429,
            `a student may submit once every ${A.studentGapSeconds} seconds`,
          ),
          '503': unavailable,
        },
      },
    },
    '/api/assignments/{id}/submissions/{submissionId}': {
      parameters: [ID, SUBMISSION],
      get: {
        operationId: 'getOwnSubmission',
        summary: "A student's own latest attempt, with its verdicts once feedback is open (student token)",
        security: [{ studentToken: [] }],
        responses: {
          '200': json('OwnSubmission', 'The latest attempt'),
          '401': problem(
            'No token',
            'missing-key',
            'This needs a key',
            401,
            'send the studentToken of your first submission as Authorization: Bearer <token>',
          ),
          '403': problem(
            'Another submission’s token',
            'wrong-token',
            'The token does not open this submission',
            403,
            'this token does not open this submission',
          ),
          '404': notFound,
          '503': unavailable,
        },
      },
      delete: deletion('deleteSubmission', "Delete one student's submission, every attempt (instructor key)"),
    },
    '/api/assignments/{id}/results': {
      parameters: [ID],
      get: {
        operationId: 'getResults',
        summary: "The class's results (instructor key): JSON, or CSV with ?format=csv or Accept: text/csv",
        security: instructor,
        parameters: [
          { name: 'format', in: 'query', required: false, schema: { type: 'string', enum: ['json', 'csv'] } },
        ],
        responses: {
          '200': {
            description:
              'Every student’s score per network, and the class’s mistakes; or the CSV: a row per student × attempt × layer (and per total), with mistake codes, formulas defused',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/ClassResults' } },
              'text/csv': { schema: { type: 'string' } },
            },
          },
          '401': missingKey,
          '403': wrongKey,
          '404': notFound,
          '503': unavailable,
        },
      },
    },
  };
}

/** How the instructor key and the student token are sent. */
export const ASSIGNMENT_SECURITY = {
  instructorKey: {
    type: 'http',
    scheme: 'bearer',
    description: "The instructor key, from the results link's #key=… (it never travels in an address)",
  },
  studentToken: {
    type: 'http',
    scheme: 'bearer',
    description: "A student's token, from their first submission's studentToken",
  },
};
