/**
 * The bounds on assignments and their submissions, in one place: the schemas, the handlers, the
 * store, the README and the API page all read them from here.
 */
export const ASSIGNMENT_LIMITS = {
  /** Longest assignment title: `120` characters (Unicode code points, after normalizing). */
  maxTitle: 120,
  /** Longest display name: `60` characters (Unicode code points, after normalizing). */
  maxDisplayName: 60,
  /** Most students in one assignment: `500`. */
  maxStudents: 500,
  /** Most attempts an assignment may allow each student: `10`. */
  maxAttempts: 10,
  /** Days an assignment and its submissions are kept after its due date (or after it was made, without one): `180`. */
  retentionDays: 180,
  /** Furthest due date: `365` days after the assignment is made. */
  maxDueDays: 365,
  /** Most submissions one assignment takes in one clock minute, from everyone together: `300`. */
  submissionsPerMinute: 300,
  /** Shortest time between two submissions of one student: `10` seconds. */
  studentGapSeconds: 10,
  /** Most assignments the whole site makes in one clock minute: `30`. */
  createsPerMinute: 30,
  /** Largest body of a request that makes an assignment: `16384` bytes (16 KiB). */
  maxCreateBytes: 16_384,
  /** Largest body of a submission: `262144` bytes (256 KiB; 50 networks of answers take about 20 KiB). */
  maxSubmissionBytes: 262_144,
} as const;

const DAY_MS = 86_400_000;

/** When an assignment and its submissions are deleted: 180 days after `dueAt`, or after `createdAt` without one. */
export function expiresAt(createdAt: string, dueAt: string | undefined): string {
  return new Date(Date.parse(dueAt ?? createdAt) + ASSIGNMENT_LIMITS.retentionDays * DAY_MS).toISOString();
}

/** The last moment a due date may be set, for an assignment made at `now`. */
export const latestDueAt = (now: Date) => new Date(now.getTime() + ASSIGNMENT_LIMITS.maxDueDays * DAY_MS);

/** The clock minute a moment falls in, as the store's rate windows name it: `minuteOf(new Date(60_000)) → 1`. */
export const minuteOf = (now: Date) => Math.floor(now.getTime() / 60_000);

/** Whole seconds from `now` to the start of the next clock minute (at least 1): what a 429 says to wait. */
export const secondsToNextMinute = (now: Date) => Math.max(1, Math.ceil((60_000 - (now.getTime() % 60_000)) / 1000));
