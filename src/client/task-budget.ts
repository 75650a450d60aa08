/**
 * Long work cut into tasks short enough that the browser paints and answers input between them:
 * a task over 50 ms is a "long task", which delays both. `npm run measure:practice` measures them.
 */

/** Time in ms one task may spend on work before it yields: under 50 ms, with room for one step more. */
export const TASK_BUDGET_MS = 20;

/** Gives the browser a turn (to paint, to handle input), then resumes: `await yieldToBrowser()`. */
export function yieldToBrowser(): Promise<void> {
  // scheduler.yield() resumes ahead of other queued tasks (Chromium); setTimeout elsewhere.
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resume) => setTimeout(resume, 0));
}

/** Work running in tasks: `done` when every step has run; `finish()` runs the steps left at once. */
export interface TaskRun {
  done: Promise<void>;
  finish(): void;
}

/**
 * Runs the steps of `work` (a generator that yields between steps) a few at a time, starting in a task
 * after the caller's: as many as fit in `ms`, then it yields to the browser and goes on in a new task.
 * `runInTasks(function* () { for (const item of items) { draw(item); yield; } }())`.
 * `finish()` runs the steps left in the current task, when nothing may wait (before printing).
 */
export function runInTasks(work: Iterator<unknown>, ms: number = TASK_BUDGET_MS): TaskRun {
  let finished = false;
  const step = () => {
    if (!finished && work.next().done) finished = true;
    return !finished;
  };
  const finish = () => {
    while (step());
  };
  const done = (async () => {
    await yieldToBrowser();
    let start = performance.now();
    while (step()) {
      if (performance.now() - start < ms) continue;
      await yieldToBrowser();
      start = performance.now();
    }
  })();
  return { done, finish };
}
