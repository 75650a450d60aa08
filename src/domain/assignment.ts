import { expiresAt, latestDueAt } from './assignment-limits';
import type { LocatedProblem } from './located-problem';
import { generatePracticeSet } from './practice-set';
import { fail, ok, type Result } from './result';
import type { AssignmentRequest, PublicAssignment, StoredAssignment } from './schema/assignment';

/**
 * An assignment as it will be stored, from a valid request, its new id, the hash of its key and the
 * time: `newAssignment(request, { id, keyHash, now })`. Refused when the due date is past or more than
 * a year away, or when the set cannot be made (include / exclude that no network meets).
 */
export function newAssignment(
  request: AssignmentRequest,
  made: { id: string; keyHash: string; now: Date },
): Result<StoredAssignment, LocatedProblem[]> {
  const { now } = made;
  const problems: LocatedProblem[] = [];
  if (request.dueAt !== undefined) {
    const due = Date.parse(request.dueAt);
    if (due <= now.getTime()) problems.push({ path: ['dueAt'], message: 'the due date must be in the future' });
    else if (due > latestDueAt(now).getTime()) {
      problems.push({ path: ['dueAt'], message: 'the due date may be at most 365 days from now' });
    }
  }
  const set = generatePracticeSet(request.set);
  if (!set.ok) problems.push(...set.error.map(({ path, message }) => ({ path: ['set', ...path], message })));
  if (problems.length > 0) return fail(problems);
  const createdAt = now.toISOString();
  const dueAt = request.dueAt === undefined ? undefined : new Date(request.dueAt).toISOString();
  return ok({
    format: 1,
    id: made.id,
    title: request.title,
    set: request.set,
    convention: request.convention,
    attempts: request.attempts,
    feedback: request.feedback,
    ...(dueAt !== undefined && { dueAt }),
    createdAt,
    expiresAt: expiresAt(createdAt, dueAt),
    keyHash: made.keyHash,
  });
}

/** Whether submissions are taken at `now`: until the due date, if there is one. */
export const isOpen = (assignment: StoredAssignment, now: Date) =>
  assignment.dueAt === undefined || now.getTime() < Date.parse(assignment.dueAt);

/** Whether a student sees the verdicts at `now`: at once, or once the due date has passed. */
export const isFeedbackOpen = (assignment: StoredAssignment, now: Date) =>
  assignment.feedback === 'immediate' || !isOpen(assignment, now);

/** Whether the retention period is over: the assignment and its submissions are to be deleted. */
export const isExpired = (assignment: StoredAssignment, now: Date) => now.getTime() >= Date.parse(assignment.expiresAt);

/** The fields of an assignment that both a student and the instructor see. */
export function assignmentSummary(assignment: StoredAssignment) {
  return {
    id: assignment.id,
    title: assignment.title,
    convention: assignment.convention,
    attempts: assignment.attempts,
    feedback: assignment.feedback,
    ...(assignment.dueAt !== undefined && { dueAt: assignment.dueAt }),
    createdAt: assignment.createdAt,
    expiresAt: assignment.expiresAt,
    count: assignment.set.count,
    askShapes: assignment.set.askShapes,
  };
}

/**
 * What a student is sent: the networks to answer, made again from the set's options, and nothing
 * that answers them (no counts, no shapes, no seed, no key).
 */
export function publicAssignment(assignment: StoredAssignment, now: Date): PublicAssignment {
  const set = generatePracticeSet(assignment.set);
  // The set was made when the assignment was; the same options make it again, forever.
  const items = set.ok ? set.value : [];
  return {
    apiVersion: '1',
    ...assignmentSummary(assignment),
    open: isOpen(assignment, now),
    feedbackOpen: isFeedbackOpen(assignment, now),
    networks: items.map(({ index, level, network }) => ({ index, level, network })),
  };
}
