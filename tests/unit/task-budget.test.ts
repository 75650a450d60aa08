import { describe, expect, test, vi } from 'vitest';
import { runInTasks } from '../../src/client/task-budget';

/** A generator of `n` steps, each noting its number in `ran` and taking `ms` of the clock. */
function* steps(n: number, ran: number[], clock: { now: number }, ms: number) {
  for (let i = 0; i < n; i++) {
    ran.push(i);
    clock.now += ms;
    yield;
  }
}

describe('runInTasks', () => {
  test('starts in a later task, then runs every step in order', async () => {
    const ran: number[] = [];
    const run = runInTasks(steps(5, ran, { now: 0 }, 0));
    expect(ran).toEqual([]);
    await run.done;
    expect(ran).toEqual([0, 1, 2, 3, 4]);
  });

  test('yields to the browser once a task has spent its budget, and not before', async () => {
    // The steps take 8 ms each of a clock the test moves: three fit in a task of 20 ms.
    const clock = { now: 0 };
    vi.spyOn(performance, 'now').mockImplementation(() => clock.now);
    const ran: number[] = [];
    const run = runInTasks(steps(9, ran, clock, 8), 20);
    const perTask: number[][] = [];
    let seen = 0;
    // Another task's turn after each of the run's: it sees how many steps ran in the one before.
    for (let turn = 0; turn < 5; turn++) {
      await new Promise((resume) => setTimeout(resume, 0));
      perTask.push(ran.slice(seen));
      seen = ran.length;
    }
    await run.done;
    vi.restoreAllMocks();
    expect(perTask.filter((task) => task.length > 0)).toEqual([
      [0, 1, 2],
      [3, 4, 5],
      [6, 7, 8],
    ]);
  });

  test('finish() runs the steps left at once, and the run then ends', async () => {
    const ran: number[] = [];
    const run = runInTasks(steps(50, ran, { now: 0 }, 0), 0);
    await new Promise((resume) => setTimeout(resume, 0));
    expect(ran.length).toBeLessThan(50);
    run.finish();
    expect(ran).toHaveLength(50);
    await run.done;
    expect(ran).toHaveLength(50);
  });
});
