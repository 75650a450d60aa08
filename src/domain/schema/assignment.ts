import * as z from 'zod';
import { ASSIGNMENT_LIMITS as A } from '../assignment-limits';
import { cleanText, textProblem } from '../display-text';
import { QUIZ_LEVELS } from '../quiz-generator';
import { MAX_SET_SIZE } from '../vocabulary';
import { Network } from './network';
import { PracticeSetOptions } from './practice-set';
import { Answers, CountAnswer } from './score-request';
import { ScoreResponse } from './score-response';
import { strictObject } from './strict-object';

/** Text a person types, cleaned (NFC, trimmed, one space) and bounded; refused when it hides characters. */
const typedText = (what: string, max: number) =>
  z
    .string({ error: `${what} must be a string` })
    .superRefine((text, ctx) => {
      const problem = textProblem(text, what, max);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform(cleanText)
    .meta({ description: `At most ${max} characters once trimmed; no control or invisible formatting characters` });

export const DisplayName = typedText('a display name', A.maxDisplayName);
export const AssignmentTitle = typedText('a title', A.maxTitle);

// Every quiz level a set can hold (a "mix" set's networks each have one).
const level = z.literal(QUIZ_LEVELS);
const instant = z.iso.datetime({
  offset: true,
  error: 'a time is an ISO 8601 date and time, such as "2025-06-30T23:59:00Z"',
});
const count = z.int().min(0);
const convention = z.enum(['keras', 'pytorch'], { error: 'convention must be "keras" (the default) or "pytorch"' });
const feedback = z
  .enum(['immediate', 'after-due'], { error: 'feedback must be "immediate" or "after-due"' })
  .describe('immediate: each student sees the verdicts on submitting; after-due: only once the due date has passed');

/** The id of an assignment: 128 random bits, base64url (22 characters). */
export const ASSIGNMENT_ID = /^[A-Za-z0-9_-]{22}$/;
/** A student's token: their submission's number, a dot, and 128 random bits. */
export const STUDENT_TOKEN = /^\d{3}\.[A-Za-z0-9_-]{22}$/;
/** A submission's id: a student's three-digit number within the assignment. */
export const SUBMISSION_ID = /^\d{3}$/;
/** The instructor's key: 256 random bits, base64url (43 characters). */
export const INSTRUCTOR_KEY = /^[A-Za-z0-9_-]{43}$/;

/** What POST /api/assignments takes: a practice set's options and how the assignment runs. */
export const AssignmentRequest = strictObject(
  {
    title: AssignmentTitle,
    set: PracticeSetOptions.describe("The practice set's options (as for /api/score's practiceSet, without index)"),
    convention: convention.default('keras'),
    attempts: z
      .int({ error: `attempts must be a whole number from 1 to ${A.maxAttempts}` })
      .min(1, { error: 'attempts must be at least 1' })
      .max(A.maxAttempts, { error: `attempts may be at most ${A.maxAttempts}` })
      .default(1)
      .describe('Submissions each student may make; the latest counts'),
    feedback: feedback.default('immediate'),
    dueAt: instant.optional().describe('After it, no submission is taken; needed for feedback "after-due"'),
  },
  'an assignment is an object such as {"title": "Week 3", "set": {"version": 2, "seed": "week-3", "count": 5}}',
).superRefine((request, ctx) => {
  if (request.feedback === 'after-due' && request.dueAt === undefined) {
    ctx.addIssue({ code: 'custom', path: ['dueAt'], message: 'feedback "after-due" needs a dueAt' });
  }
});

/** An assignment as the store keeps it; `keyHash` is the SHA-256 of the instructor's key, never the key. */
export const StoredAssignment = z.strictObject({
  format: z.literal(1),
  id: z.string().regex(ASSIGNMENT_ID),
  title: z.string(),
  set: PracticeSetOptions,
  convention,
  attempts: z.int().min(1).max(A.maxAttempts),
  feedback,
  dueAt: instant.optional(),
  createdAt: instant,
  expiresAt: instant,
  keyHash: z.string().regex(/^[0-9a-f]{64}$/),
});

/** How an assignment runs, as both sides see it. */
const assignmentFields = {
  id: z.string(),
  title: z.string(),
  convention,
  attempts: z.int().min(1),
  feedback,
  dueAt: instant.optional(),
  createdAt: instant,
  expiresAt: instant.describe('When the assignment and every submission are deleted'),
  count: z.int().min(1).max(MAX_SET_SIZE).describe('Networks to answer'),
  askShapes: z.boolean(),
};

/** The 201 answer to POST /api/assignments: where students go, and the instructor's private results link. */
export const CreatedAssignment = z.strictObject({
  apiVersion: z.literal('1'),
  ...assignmentFields,
  studentUrl: z.url().describe('For students: no seed and no key in it'),
  resultsUrl: z
    .url()
    .describe('For the instructor only: it carries the key in its fragment (#key=…), which browsers never send'),
  key: z.string().regex(INSTRUCTOR_KEY).describe('The instructor key (shown once; only its SHA-256 is stored)'),
});

/** GET /api/assignments/{id}: what a student needs to answer, and no answer. */
export const PublicAssignment = z.strictObject({
  apiVersion: z.literal('1'),
  ...assignmentFields,
  open: z.boolean().describe('Whether submissions are taken now (false after the due date)'),
  feedbackOpen: z.boolean().describe('Whether a student sees verdicts now'),
  networks: z
    .array(z.strictObject({ index: z.int().min(0), level: level, network: Network }))
    .describe('The networks to answer, regenerated by the server; no counts, shapes or seed'),
});

/** POST /api/assignments/{id}/submissions: a student's answers to every network, in order. */
export const SubmissionRequest = strictObject(
  {
    displayName: DisplayName,
    studentToken: z
      .string({ error: 'studentToken must be the string the first submission answered with' })
      .regex(STUDENT_TOKEN, { error: 'studentToken must be the string the first submission answered with' })
      .optional()
      .describe("From the student's first submission; sent again to make a further attempt"),
    answers: z
      .array(Answers, { error: 'answers must be a list with one answers object per network' })
      .min(1, { error: 'answers needs one answers object per network' })
      .max(MAX_SET_SIZE, { error: `answers has at most ${MAX_SET_SIZE} entries, one per network` })
      .describe("One /api/score answers object per network, in the assignment's order"),
  },
  'a submission is an object such as {"displayName": "Ada", "answers": [{"layers": [56, 57, 0, 2402], "total": 2515}]}',
);

const verdictFields = {
  correct: z.boolean(),
  mistakes: z.array(z.string()).describe('Codes of the mistakes that give this answer (empty when right or unknown)'),
  carriedForward: z.literal(true).optional().describe("Wrong, but right given the student's own earlier answers"),
  followsFrom: z.int().min(0).optional().describe('With carriedForward: the layer whose answer holds the earlier slip'),
};

/** One answer as it was judged, kept with the submission. */
export const JudgedCount = z.strictObject({ submitted: CountAnswer.unwrap(), ...verdictFields });
export const JudgedShape = z.strictObject({ submitted: z.array(z.int().min(1)).min(1), ...verdictFields });

/** One network of a submission as it was judged: enough for the results, the chart and the CSV. */
export const JudgedNetwork = z.strictObject({
  index: z.int().min(0),
  level: level,
  score: z.strictObject({ correct: count, carriedForward: count, answered: count, possible: count }),
  layers: z.array(
    z.strictObject({
      type: z.string(),
      params: count,
      outputShape: z.array(z.int().min(1)),
      answer: JudgedCount.optional(),
      shapeAnswer: JudgedShape.optional(),
    }),
  ),
  total: z.strictObject({ params: count, answer: JudgedCount.optional() }),
});

/** One attempt of one student, as the store keeps it (one blob each, never rewritten). */
export const StoredAttempt = z.strictObject({
  format: z.literal(1),
  attempt: z.int().min(1).max(A.maxAttempts),
  displayName: z.string(),
  submittedAt: instant,
  answers: z.array(Answers),
  networks: z.array(JudgedNetwork),
});

/** A student of an assignment: the SHA-256 of their token, so that only they can add attempts. */
export const StudentRecord = z.strictObject({
  format: z.literal(1),
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: instant,
});

const setScore = z.strictObject({ correct: count, carriedForward: count, answered: count, possible: count });

/** The 201 answer to a submission. */
export const SubmissionReceipt = z.strictObject({
  apiVersion: z.literal('1'),
  submissionId: z.string().regex(SUBMISSION_ID),
  attempt: z.int().min(1),
  attemptsLeft: count,
  submittedAt: instant,
  displayName: z.string(),
  studentToken: z
    .string()
    .regex(STUDENT_TOKEN)
    .optional()
    .describe('On the first submission only: keep it to see feedback later or to make a further attempt'),
  feedbackOpen: z.boolean(),
  feedbackAt: instant.optional().describe('With feedback "after-due": when the verdicts open'),
  score: setScore.optional().describe('With feedback open: the whole set'),
  networks: z.array(ScoreResponse).optional().describe("With feedback open: each network's /api/score report"),
});

/** GET /api/assignments/{id}/submissions/{submissionId} with the student's token: their own latest attempt. */
export const OwnSubmission = SubmissionReceipt.omit({ studentToken: true }).extend({
  attempts: z.array(z.strictObject({ attempt: z.int().min(1), submittedAt: instant })),
});

const mistakeCount = z.strictObject({
  code: z.string(),
  label: z.string().describe('The mistake in a few words, e.g. "forgot biases"'),
  students: count.describe('Students who made it at least once'),
  occurrences: count.describe('Answers it gave, over all students'),
  layerTypes: z.array(z.strictObject({ type: z.string(), occurrences: count })).describe('Most first'),
  summary: z.string().describe('"forgot biases: 14 of 30 students, mostly on dense layers"'),
});

/** GET /api/assignments/{id}/results with the instructor key. */
export const ClassResults = z.strictObject({
  apiVersion: z.literal('1'),
  assignment: z.strictObject({ ...assignmentFields, open: z.boolean(), studentUrl: z.url() }),
  students: z.array(
    z.strictObject({
      submissionId: z.string().regex(SUBMISSION_ID),
      displayName: z.string(),
      attempts: z.int().min(1),
      submittedAt: instant.describe('Of the latest attempt, the one that counts'),
      firstSubmittedAt: instant,
      score: setScore,
      networks: z.array(
        z.strictObject({
          index: z.int().min(0),
          correct: count,
          carriedForward: count,
          answered: count,
          possible: count,
          mistakes: z.array(z.string()).describe('Codes of the mistakes in this network, in layer order'),
        }),
      ),
    }),
  ),
  class: z.strictObject({
    students: count,
    basis: z
      .literal('first-attempts')
      .describe("Counts are over each student's first attempt: what they did before any feedback"),
    mistakes: z.array(mistakeCount).describe('Most students first'),
    layerTypes: z
      .array(z.strictObject({ type: z.string(), name: z.string(), answers: count, wrong: count, students: count }))
      .describe('Answers on layers of each type, wrong ones, and students with at least one wrong'),
    networks: z
      .array(
        z.strictObject({
          index: z.int().min(0),
          level: level,
          correct: count,
          possible: count,
          fullMarks: count.describe('Students with every answer right'),
        }),
      )
      .describe('Hardest first: the lowest share of right answers'),
  }),
});

export type AssignmentRequest = z.output<typeof AssignmentRequest>;
export type StoredAssignment = z.output<typeof StoredAssignment>;
export type CreatedAssignment = z.output<typeof CreatedAssignment>;
export type PublicAssignment = z.output<typeof PublicAssignment>;
export type SubmissionRequest = z.output<typeof SubmissionRequest>;
export type JudgedCount = z.output<typeof JudgedCount>;
export type JudgedShape = z.output<typeof JudgedShape>;
export type JudgedNetwork = z.output<typeof JudgedNetwork>;
export type StoredAttempt = z.output<typeof StoredAttempt>;
export type StudentRecord = z.output<typeof StudentRecord>;
export type SubmissionReceipt = z.output<typeof SubmissionReceipt>;
export type OwnSubmission = z.output<typeof OwnSubmission>;
export type ClassResults = z.output<typeof ClassResults>;
