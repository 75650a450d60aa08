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

/**
 * A time budget per task: `const budget = taskBudget(); for (…) { await budget.check(); step(); }`
 * runs steps until the current task has spent `ms`, then yields to the browser and starts a new task.
 */
export function taskBudget(ms: number = TASK_BUDGET_MS): { check(): Promise<void> } {
  let start = performance.now();
  return {
    async check() {
      if (performance.now() - start < ms) return;
      await yieldToBrowser();
      start = performance.now();
    },
  };
}
