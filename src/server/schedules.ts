import type { NetlifyFunction } from './functions';

/** The schedules the self-host server keeps, in milliseconds; Netlify takes any cron expression. */
const EVERY: Record<string, number> = { '@hourly': 3_600_000, '@daily': 86_400_000, '@weekly': 604_800_000 };

// The first run waits for the server to settle, then each runs at its interval.
const FIRST_RUN_MS = 5_000;

/** The interval of a schedule, or an error naming the function: `intervalOf('@daily', 'x') → 86400000`. */
export function intervalOf(schedule: string, name: string): number {
  const every = EVERY[schedule.trim()];
  if (every === undefined) {
    throw new Error(`${name}: the self-host server runs ${Object.keys(EVERY).join(', ')} schedules, not "${schedule}"`);
  }
  return every;
}

/**
 * Runs every scheduled function (`config.schedule`) soon after start and then at its interval, with the
 * POST Netlify sends it (`{"next_run": …}`); a failure is logged, and the next run comes all the same.
 * Returns the function that stops them: `const stop = runSchedules(functions)`.
 */
export function runSchedules(functions: readonly NetlifyFunction[]): () => void {
  const timers: ReturnType<typeof setTimeout>[] = [];
  for (const fn of functions) {
    if (fn.schedule === undefined) continue;
    const every = intervalOf(fn.schedule, fn.name);
    const run = async () => {
      const next = new Date(Date.now() + every).toISOString();
      try {
        const request = new Request(`http://localhost/.netlify/functions/${fn.name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ next_run: next }),
        });
        const response = await fn.handler(request, { ip: '', requestId: `schedule-${fn.name}`, params: {} });
        if (response.status >= 400) console.error(`scheduled ${fn.name} answered ${response.status}`);
      } catch (error) {
        console.error(`scheduled ${fn.name} failed:`, error);
      }
    };
    const first = setTimeout(() => {
      void run();
      const repeat = setInterval(() => void run(), every);
      repeat.unref();
      timers.push(repeat);
    }, FIRST_RUN_MS);
    first.unref();
    timers.push(first);
  }
  return () => {
    for (const timer of timers) clearTimeout(timer);
  };
}
