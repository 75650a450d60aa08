import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ClassResults, CreatedAssignment, StoredAttempt } from '../../src/domain/schema/assignment';
import { answersFor, auth, call, itemsOf, setOptions, startLiveApi, type LiveApi } from '../support/assignment-api';

// Against Netlify's real local BlobsServer (a temporary folder), through the handler, all at once.
let api: LiveApi;
beforeAll(async () => {
  api = await startLiveApi();
});
afterAll(async () => {
  await api?.stop();
});

const SET = setOptions({ seed: 'two-hundred', count: 2, level: 2, askShapes: true });
const ITEMS = itemsOf(SET);
const STUDENTS = 200;

describe('concurrent submissions', () => {
  test(`${STUDENTS} students submitting at the same moment: ${STUDENTS} answered 201, ${STUDENTS} stored, none overwritten`, async () => {
    const created = await call(api, 'POST', '/api/assignments', { title: 'Rush hour', set: SET });
    const { id, key } = CreatedAssignment.parse(await created.json());
    // Each student answers layer 0 of network 0 with their own number, so every stored blob is told apart.
    const bodies = Array.from({ length: STUDENTS }, (_, i) => ({
      displayName: `Student ${i}`,
      answers: answersFor(ITEMS, { 0: { 0: 1_000_000 + i } }, true),
    }));
    const started = performance.now();
    const responses = await Promise.all(
      bodies.map((body) => call(api, 'POST', `/api/assignments/${id}/submissions`, body)),
    );
    const elapsed = performance.now() - started;
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(STUDENTS);
    const receipts = await Promise.all(responses.map((r) => r.json()));
    // Every student got a number of their own.
    expect(new Set(receipts.map((r: { submissionId: string }) => r.submissionId)).size).toBe(STUDENTS);

    const { keys } = await api.kv.list(`submissions/${id}/`);
    expect(keys).toHaveLength(STUDENTS);
    const stored = await Promise.all(keys.map(async (k) => StoredAttempt.parse(await api.kv.get(k))));
    expect(new Set(stored.map((s) => s.displayName))).toEqual(new Set(bodies.map((b) => b.displayName)));
    // Each blob holds the answers of the student whose name it carries.
    for (const attempt of stored) {
      const i = Number(attempt.displayName.split(' ')[1]);
      expect(attempt.answers[0]?.layers?.[0]).toBe(1_000_000 + i);
    }
    expect((await api.kv.list(`students/${id}/`)).keys).toHaveLength(STUDENTS);

    const results = ClassResults.parse(
      await (await call(api, 'GET', `/api/assignments/${id}/results`, undefined, auth(key))).json(),
    );
    expect(results.students).toHaveLength(STUDENTS);
    expect(results.class.students).toBe(STUDENTS);
    console.log(`${STUDENTS} concurrent submissions stored in ${Math.round(elapsed)} ms`);
  });
});
