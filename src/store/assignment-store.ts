import { randomInt, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { ASSIGNMENT_LIMITS } from '../domain/assignment-limits';
import { isExpired } from '../domain/assignment';
import type { StudentAttempts } from '../domain/class-results';
import {
  StoredAssignment,
  StoredAttempt,
  StudentRecord,
  type StoredAssignment as Assignment,
  type StoredAttempt as Attempt,
  type StudentRecord as Student,
} from '../domain/schema/assignment';
import { StoreUnavailable, type KeyValueStore } from './blob-store';

/*
 * Key layout (one site-wide store). No key is ever made from what a person typed: ids are random,
 * a student is a number the store hands out, an attempt its number.
 *
 *   assignments/<id>                           the assignment (its key's SHA-256, never the key)
 *   students/<id>/<nnn>                        student nnn (000–499): their token's SHA-256
 *   submissions/<id>/<nnn>/<aa>                attempt aa (01–10) of student nnn, written once, never rewritten
 *   expiry/<yyyy-mm-dd>/<id>                   the day the assignment is due for deletion
 *   rate/<minute>/<scope>/<random>             one per submission (scope: the id) or creation ("create")
 */

const slotKey = (slot: number) => String(slot).padStart(3, '0');
const attemptKey = (attempt: number) => String(attempt).padStart(2, '0');
const lastPart = (key: string) => key.slice(key.lastIndexOf('/') + 1);

/** Reads a stored document with its schema; one that does not match is a fault of the store, not of a client. */
function read<S extends z.ZodType>(schema: S, key: string, value: unknown): z.output<S> | null {
  if (value === null || value === undefined) return null;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoreUnavailable(`${key} does not hold what it should`);
  return parsed.data;
}

/** Runs `work` over `items`, at most `width` at a time, keeping their order. */
async function pooled<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

/**
 * Assignments, students and their attempts over a KeyValueStore (Netlify Blobs). Every attempt is a
 * blob of its own written with `onlyIfNew`, so concurrent submissions never overwrite one another;
 * a student's number is claimed the same way, so no more than 500 students can ever hold one.
 */
export class AssignmentStore {
  readonly #kv: KeyValueStore;
  /** Picks a whole number from 0 to `max` − 1 (crypto.randomInt; a test may pass its own). */
  readonly #pick: (max: number) => number;

  constructor(kv: KeyValueStore, pick: (max: number) => number = (max) => randomInt(max)) {
    this.#kv = kv;
    this.#pick = pick;
  }

  /** Stores a new assignment and the day it is to be deleted; false if the id is taken (it never is). */
  async create(assignment: Assignment): Promise<boolean> {
    const made = await this.#kv.set(`assignments/${assignment.id}`, assignment, { onlyIfNew: true });
    if (made) await this.#kv.set(`expiry/${assignment.expiresAt.slice(0, 10)}/${assignment.id}`, {});
    return made;
  }

  /** The assignment, or null when there is none (or it is past its retention, which deletes it now). */
  async get(id: string, now: Date): Promise<Assignment | null> {
    const key = `assignments/${id}`;
    const assignment = read(StoredAssignment, key, await this.#kv.get(key));
    if (assignment && isExpired(assignment, now)) {
      await this.remove(id);
      return null;
    }
    return assignment;
  }

  /** Deletes an assignment: its record first (so no submission is taken any more), then all it holds. */
  async remove(id: string): Promise<void> {
    const assignment = read(StoredAssignment, id, await this.#kv.get(`assignments/${id}`));
    await this.#kv.delete(`assignments/${id}`);
    for (const prefix of [`submissions/${id}/`, `students/${id}/`]) {
      const { keys } = await this.#kv.list(prefix);
      await pooled(keys, 16, (key) => this.#kv.delete(key));
    }
    if (assignment) await this.#kv.delete(`expiry/${assignment.expiresAt.slice(0, 10)}/${id}`);
  }

  /** The numbers of the students who hold one. */
  async studentNumbers(id: string): Promise<number[]> {
    const { keys } = await this.#kv.list(`students/${id}/`);
    return keys.map((key) => Number(lastPart(key))).filter(Number.isInteger);
  }

  /**
   * Hands a new student a free number, chosen at random among the free ones so that a class arriving
   * at once rarely collides, and claimed with `onlyIfNew`: null when all 500 are taken.
   */
  async addStudent(id: string, student: Student): Promise<number | null> {
    for (let round = 0; round < 3; round++) {
      const taken = new Set(await this.studentNumbers(id));
      const free = Array.from({ length: ASSIGNMENT_LIMITS.maxStudents }, (_, n) => n).filter((n) => !taken.has(n));
      if (free.length === 0) return null;
      while (free.length > 0) {
        const [slot] = free.splice(this.#pick(free.length), 1) as [number];
        if (await this.#kv.set(`students/${id}/${slotKey(slot)}`, student, { onlyIfNew: true })) return slot;
      }
    }
    return null;
  }

  async student(id: string, slot: number): Promise<Student | null> {
    const key = `students/${id}/${slotKey(slot)}`;
    return read(StudentRecord, key, await this.#kv.get(key));
  }

  /** A student's attempts, oldest first. */
  async attempts(id: string, slot: number): Promise<Attempt[]> {
    const { keys } = await this.#kv.list(`submissions/${id}/${slotKey(slot)}/`);
    const attempts = await pooled(keys, 8, async (key) => read(StoredAttempt, key, await this.#kv.get(key)));
    return attempts.filter((a) => a !== null).sort((a, b) => a.attempt - b.attempt);
  }

  /** Stores an attempt once; false when that attempt of that student is already there (a double submit). */
  addAttempt(id: string, slot: number, attempt: Attempt): Promise<boolean> {
    return this.#kv.set(`submissions/${id}/${slotKey(slot)}/${attemptKey(attempt.attempt)}`, attempt, {
      onlyIfNew: true,
    });
  }

  /**
   * Every student's attempts, by submission id (their number, "007"): all of them, or only the first
   * and the latest (what the results page shows), which reads at most two blobs a student.
   */
  async allAttempts(id: string, which: 'all' | 'first-and-latest' = 'all'): Promise<StudentAttempts[]> {
    const { keys } = await this.#kv.list(`submissions/${id}/`);
    const bySubmission = new Map<string, string[]>();
    for (const key of keys) {
      const submissionId = key.split('/')[2] ?? '';
      bySubmission.set(submissionId, [...(bySubmission.get(submissionId) ?? []), key]);
    }
    const wanted = [...bySubmission].flatMap(([submissionId, list]) => {
      const sorted = [...list].sort();
      const picked = which === 'all' || sorted.length <= 2 ? sorted : [sorted[0], sorted[sorted.length - 1]];
      return picked.map((key) => ({ submissionId, key: key as string }));
    });
    const attempts = await pooled(wanted, 16, async ({ submissionId, key }) => ({
      submissionId,
      attempt: read(StoredAttempt, key, await this.#kv.get(key)),
      count: bySubmission.get(submissionId)?.length ?? 0,
    }));
    const result = new Map<string, StudentAttempts>();
    for (const { submissionId, attempt, count } of attempts) {
      if (!attempt) continue;
      const entry = result.get(submissionId) ?? { submissionId, attempts: [], attemptCount: count };
      entry.attempts.push(attempt);
      result.set(submissionId, entry);
    }
    return [...result.values()];
  }

  /** Deletes one student's submission: every attempt, then their number (which frees it). */
  async removeStudent(id: string, slot: number): Promise<boolean> {
    const { keys } = await this.#kv.list(`submissions/${id}/${slotKey(slot)}/`);
    const student = await this.#kv.get(`students/${id}/${slotKey(slot)}`);
    if (keys.length === 0 && student === null) return false;
    await pooled(keys, 8, (key) => this.#kv.delete(key));
    await this.#kv.delete(`students/${id}/${slotKey(slot)}`);
    return true;
  }

  /** How many events `scope` (an assignment id, or "create") had in clock minute `minute`. */
  async recent(scope: string, minute: number): Promise<number> {
    return (await this.#kv.list(`rate/${minute}/${scope}/`)).keys.length;
  }

  /** Counts one event of `scope` in `minute`. */
  async mark(scope: string, minute: number): Promise<void> {
    await this.#kv.set(`rate/${minute}/${scope}/${randomBytes(9).toString('base64url')}`, {});
  }

  /**
   * The daily clean-up: deletes every assignment past its retention, every rate mark older than the
   * last minute, and whatever an assignment deleted mid-submission left behind. Returns what it did.
   */
  async sweep(now: Date, minute: number): Promise<{ assignments: number; marks: number; orphans: number }> {
    const today = now.toISOString().slice(0, 10);
    let assignments = 0;
    for (const key of (await this.#kv.list('expiry/')).keys) {
      const [, day = '', id = ''] = key.split('/');
      // A marker of an earlier day is past for certain; today's waits for tomorrow (reads refuse it already).
      if (day >= today) continue;
      // get() deletes an assignment whose time has come, marker included; a marker left alone goes too.
      if ((await this.#kv.get(`assignments/${id}`)) !== null && (await this.get(id, now)) === null) assignments++;
      await this.#kv.delete(key);
    }
    const stale = (await this.#kv.list('rate/')).keys.filter((key) => Number(key.split('/')[1]) < minute - 1);
    await pooled(stale, 16, (key) => this.#kv.delete(key));
    let orphans = 0;
    for (const prefix of ['submissions/', 'students/']) {
      for (const folder of (await this.#kv.list(prefix, { directories: true })).directories) {
        const id = lastPart(folder);
        if ((await this.#kv.get(`assignments/${id}`)) !== null) continue;
        const { keys } = await this.#kv.list(`${folder}/`);
        await pooled(keys, 16, (key) => this.#kv.delete(key));
        orphans += keys.length;
      }
    }
    return { assignments, marks: stale.length, orphans };
  }
}
