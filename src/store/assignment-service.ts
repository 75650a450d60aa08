import { ASSIGNMENT_LIMITS as A, minuteOf, secondsToNextMinute } from '../domain/assignment-limits';
import { isFeedbackOpen, isOpen, newAssignment, publicAssignment, assignmentSummary } from '../domain/assignment';
import { classResults } from '../domain/class-results';
import type { LocatedProblem } from '../domain/located-problem';
import { resultsCsv } from '../domain/results-csv';
import { issueProblems } from '../domain/schema/issue-problems';
import {
  AssignmentRequest,
  INSTRUCTOR_KEY,
  STUDENT_TOKEN,
  SubmissionRequest,
  type ClassResults,
  type CreatedAssignment,
  type OwnSubmission,
  type PublicAssignment,
  type StoredAssignment,
  type SubmissionReceipt,
} from '../domain/schema/assignment';
import { scoreSubmission } from '../domain/score-submission';
import type { AssignmentStore } from './assignment-store';
import { matchesHash, randomToken, sha256Hex } from './secrets';

/** Why an operation was refused; the handler turns each kind into its status and problem type. */
export type Refusal =
  | { kind: 'invalid'; detail?: string; errors: LocatedProblem[] }
  | { kind: 'not-found' | 'missing-key' | 'wrong-key' | 'wrong-token'; detail: string }
  | { kind: 'closed' | 'no-attempts-left' | 'class-full' | 'already-submitted'; detail: string }
  | { kind: 'too-many'; detail: string; retryAfter: number };

export type Outcome<T> = { ok: true; value: T } | ({ ok: false } & Refusal);

const refuse = <K extends Refusal>(refusal: K): { ok: false } & K => ({ ok: false, ...refusal });
const done = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

const NOT_FOUND = `no assignment has this id (an assignment is deleted ${A.retentionDays} days after its due date, or by its instructor)`;

/** Where students and the instructor go, on the site that made the assignment. */
export const studentUrl = (origin: string, id: string) => `${origin}/assignments/student/?id=${id}`;
// The key travels in the fragment: browsers never send it, so no server log, proxy or Referer sees it.
const resultsUrl = (origin: string, id: string, key: string) => `${origin}/assignments/results/?id=${id}#key=${key}`;

/**
 * What the assignment endpoints do, over the store, with HTTP left to the handler:
 * `await new AssignmentService(store).create(body, 'https://learnable.example', new Date())`.
 */
export class AssignmentService {
  readonly #store: AssignmentStore;

  constructor(store: AssignmentStore) {
    this.#store = store;
  }

  /** POST /api/assignments. */
  async create(body: unknown, origin: string, now: Date): Promise<Outcome<CreatedAssignment>> {
    const parsed = AssignmentRequest.safeParse(body);
    if (!parsed.success) return refuse({ kind: 'invalid', errors: issueProblems(parsed.error.issues) });
    const id = randomToken(16);
    const key = randomToken(32);
    const made = newAssignment(parsed.data, { id, keyHash: await sha256Hex(key), now });
    if (!made.ok) return refuse({ kind: 'invalid', errors: made.error });
    const minute = minuteOf(now);
    if ((await this.#store.recent('create', minute)) >= A.createsPerMinute) {
      return refuse({
        kind: 'too-many',
        detail: `this site makes at most ${A.createsPerMinute} assignments a minute; try again in a minute`,
        retryAfter: secondsToNextMinute(now),
      });
    }
    await this.#store.mark('create', minute);
    // 128 random bits: a taken id would take longer than the universe has to turn up.
    if (!(await this.#store.create(made.value))) throw new Error('assignment id collision');
    return done({
      apiVersion: '1',
      ...assignmentSummary(made.value),
      studentUrl: studentUrl(origin, id),
      resultsUrl: resultsUrl(origin, id, key),
      key,
    });
  }

  /** GET /api/assignments/{id}: the networks to answer, without answers. */
  async view(id: string, now: Date): Promise<Outcome<PublicAssignment>> {
    const assignment = await this.#store.get(id, now);
    return assignment ? done(publicAssignment(assignment, now)) : refuse({ kind: 'not-found', detail: NOT_FOUND });
  }

  /** POST /api/assignments/{id}/submissions: scores the answers and stores them as a new attempt. */
  async submit(id: string, body: unknown, now: Date): Promise<Outcome<SubmissionReceipt>> {
    const parsed = SubmissionRequest.safeParse(body);
    if (!parsed.success) return refuse({ kind: 'invalid', errors: issueProblems(parsed.error.issues) });
    const request = parsed.data;
    const assignment = await this.#store.get(id, now);
    if (!assignment) return refuse({ kind: 'not-found', detail: NOT_FOUND });
    if (!isOpen(assignment, now)) {
      return refuse({
        kind: 'closed',
        detail: `this assignment was due at ${assignment.dueAt}; it takes no more submissions`,
      });
    }
    const judged = scoreSubmission(assignment, request.answers);
    if (!judged.ok) return refuse({ kind: 'invalid', errors: judged.error });

    const minute = minuteOf(now);
    if ((await this.#store.recent(id, minute)) >= A.submissionsPerMinute) {
      return refuse({
        kind: 'too-many',
        detail: `this assignment takes at most ${A.submissionsPerMinute} submissions a minute; your answers are not lost: send them again in a moment`,
        retryAfter: secondsToNextMinute(now),
      });
    }

    let slot: number;
    let studentToken: string | undefined;
    let previous = 0;
    if (request.studentToken !== undefined) {
      const student = await this.#student(id, request.studentToken);
      if (!student) {
        return refuse({
          kind: 'invalid',
          errors: [
            { path: ['studentToken'], message: 'this studentToken does not belong to a student of this assignment' },
          ],
        });
      }
      slot = student.slot;
      const attempts = await this.#store.attempts(id, slot);
      previous = attempts.length;
      if (previous >= assignment.attempts) {
        return refuse({
          kind: 'no-attempts-left',
          detail: `this assignment allows ${assignment.attempts} submission${assignment.attempts === 1 ? '' : 's'} per student, and all are used`,
        });
      }
      const last = attempts[attempts.length - 1];
      const wait = last ? Date.parse(last.submittedAt) + A.studentGapSeconds * 1000 - now.getTime() : 0;
      if (wait > 0) {
        return refuse({
          kind: 'too-many',
          detail: `a student may submit once every ${A.studentGapSeconds} seconds`,
          retryAfter: Math.ceil(wait / 1000),
        });
      }
    } else {
      const secret = randomToken(16);
      const claimed = await this.#store.addStudent(id, {
        format: 1,
        tokenHash: await sha256Hex(secret),
        createdAt: now.toISOString(),
      });
      if (claimed === null) {
        return refuse({
          kind: 'class-full',
          detail: `this assignment already has ${A.maxStudents} students, its most`,
        });
      }
      slot = claimed;
      studentToken = `${String(slot).padStart(3, '0')}.${secret}`;
    }

    const attempt = previous + 1;
    const submittedAt = now.toISOString();
    const stored = await this.#store.addAttempt(id, slot, {
      format: 1,
      attempt,
      displayName: request.displayName,
      submittedAt,
      answers: request.answers,
      networks: judged.value.networks,
    });
    if (!stored) {
      return refuse({
        kind: 'already-submitted',
        detail: `attempt ${attempt} of this student arrived twice at the same moment; one of them is stored`,
      });
    }
    await this.#store.mark(id, minute);
    const feedbackOpen = isFeedbackOpen(assignment, now);
    return done({
      apiVersion: '1',
      submissionId: String(slot).padStart(3, '0'),
      attempt,
      attemptsLeft: assignment.attempts - attempt,
      submittedAt,
      displayName: request.displayName,
      ...(studentToken !== undefined && { studentToken }),
      feedbackOpen,
      ...(!feedbackOpen && assignment.dueAt !== undefined && { feedbackAt: assignment.dueAt }),
      ...(feedbackOpen && { score: judged.value.score, networks: judged.value.reports }),
    });
  }

  /** GET /api/assignments/{id}/submissions/{submissionId} with the student's token: their latest attempt. */
  async ownSubmission(
    id: string,
    submissionId: string,
    token: string | null,
    now: Date,
  ): Promise<Outcome<OwnSubmission>> {
    const assignment = await this.#store.get(id, now);
    if (!assignment) return refuse({ kind: 'not-found', detail: NOT_FOUND });
    if (token === null) {
      return refuse({
        kind: 'missing-key',
        detail: 'send the studentToken of your first submission as Authorization: Bearer <token>',
      });
    }
    const student = await this.#student(id, token);
    if (!student || String(student.slot).padStart(3, '0') !== submissionId) {
      return refuse({ kind: 'wrong-token', detail: 'this token does not open this submission' });
    }
    const attempts = await this.#store.attempts(id, student.slot);
    const latest = attempts[attempts.length - 1];
    if (!latest)
      return refuse({ kind: 'not-found', detail: 'this submission has no attempt (its instructor deleted it)' });
    const feedbackOpen = isFeedbackOpen(assignment, now);
    // The stored answers are scored again, as they were at submission: the same set, the same rules.
    const judged = feedbackOpen ? scoreSubmission(assignment, latest.answers) : null;
    return done({
      apiVersion: '1',
      submissionId,
      attempt: latest.attempt,
      attemptsLeft: Math.max(0, assignment.attempts - latest.attempt),
      submittedAt: latest.submittedAt,
      displayName: latest.displayName,
      feedbackOpen,
      ...(!feedbackOpen && assignment.dueAt !== undefined && { feedbackAt: assignment.dueAt }),
      ...(judged?.ok && { score: judged.value.score, networks: judged.value.reports }),
      attempts: attempts.map((a) => ({ attempt: a.attempt, submittedAt: a.submittedAt })),
    });
  }

  /** GET /api/assignments/{id}/results with the instructor key: the class's results, as JSON or CSV. */
  async results(
    id: string,
    key: string | null,
    origin: string,
    now: Date,
  ): Promise<Outcome<{ json: () => Promise<ClassResults>; csv: () => Promise<string>; title: string }>> {
    const opened = await this.#withKey(id, key, now);
    if (!opened.ok) return opened;
    const assignment = opened.value;
    const context = { open: isOpen(assignment, now), studentUrl: studentUrl(origin, id) };
    return done({
      json: async () => classResults(assignment, await this.#store.allAttempts(id, 'first-and-latest'), context),
      // The CSV has every attempt; the page's results need only each student's first and latest.
      csv: async () => resultsCsv(await this.#store.allAttempts(id, 'all')),
      title: assignment.title,
    });
  }

  /** DELETE /api/assignments/{id}/submissions/{submissionId} with the key: one student's every attempt. */
  async removeSubmission(id: string, submissionId: string, key: string | null, now: Date): Promise<Outcome<null>> {
    const opened = await this.#withKey(id, key, now);
    if (!opened.ok) return opened;
    const removed = await this.#store.removeStudent(id, Number(submissionId));
    return removed ? done(null) : refuse({ kind: 'not-found', detail: 'this assignment has no such submission' });
  }

  /** DELETE /api/assignments/{id} with the key: the assignment and every submission. */
  async remove(id: string, key: string | null, now: Date): Promise<Outcome<null>> {
    const opened = await this.#withKey(id, key, now);
    if (!opened.ok) return opened;
    await this.#store.remove(id);
    return done(null);
  }

  /** The scheduled clean-up: what retention deletes today. */
  cleanup(now: Date) {
    return this.#store.sweep(now, minuteOf(now));
  }

  async #withKey(id: string, key: string | null, now: Date): Promise<Outcome<StoredAssignment>> {
    const assignment = await this.#store.get(id, now);
    if (!assignment) return refuse({ kind: 'not-found', detail: NOT_FOUND });
    if (key === null) {
      return refuse({
        kind: 'missing-key',
        detail: "send the instructor key (from the results link's #key=…) as Authorization: Bearer <key>",
      });
    }
    if (!INSTRUCTOR_KEY.test(key) || !(await matchesHash(key, assignment.keyHash))) {
      return refuse({ kind: 'wrong-key', detail: 'this key does not open this assignment' });
    }
    return done(assignment);
  }

  /** The student a token names, when its secret matches the one stored for that number. */
  async #student(id: string, token: string) {
    if (!STUDENT_TOKEN.test(token)) return null;
    const [number = '', secret = ''] = token.split('.');
    const slot = Number(number);
    if (slot >= A.maxStudents) return null;
    const record = await this.#store.student(id, slot);
    return record && (await matchesHash(secret, record.tokenHash)) ? { slot, record } : null;
  }
}
