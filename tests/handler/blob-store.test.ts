import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { answersFor, call, itemsOf, setOptions, startLiveApi, type LiveApi } from '../support/assignment-api';

let api: LiveApi;
beforeAll(async () => {
  api = await startLiveApi();
});
afterAll(async () => {
  await api?.stop();
});

describe('netlifyBlobStore over the local BlobsServer', () => {
  test('of 50 conditional writes of one key at once, exactly one is made and its value stays', async () => {
    const made = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.kv.set('race/one', { writer: i }, { onlyIfNew: true })),
    );
    expect(made.filter(Boolean)).toHaveLength(1);
    expect(await api.kv.get('race/one')).toEqual({ writer: made.indexOf(true) });
  });

  test('reads what was just written (strong consistency), lists by prefix and folder, deletes', async () => {
    await api.kv.set('folder/a/1', { n: 1 });
    await api.kv.set('folder/b/2', { n: 2 });
    expect(await api.kv.get('folder/a/1')).toEqual({ n: 1 });
    expect((await api.kv.list('folder/')).keys.sort()).toEqual(['folder/a/1', 'folder/b/2']);
    expect((await api.kv.list('folder/', { directories: true })).directories.sort()).toEqual(['folder/a', 'folder/b']);
    await api.kv.delete('folder/a/1');
    expect(await api.kv.get('folder/a/1')).toBeNull();
  });

  test('one student sending the same attempt twice at once: one stored, the other refused, nothing overwritten', async () => {
    const set = setOptions({ seed: 'double', count: 1 });
    const items = itemsOf(set);
    const { id } = await (await call(api, 'POST', '/api/assignments', { title: 'Twice', set, attempts: 3 })).json();
    const first = await (
      await call(api, 'POST', `/api/assignments/${id}/submissions`, { displayName: 'Dee', answers: answersFor(items) })
    ).json();
    api.clock.now = new Date(api.clock.now.getTime() + 60_000);
    const again = (n: number) =>
      call(api, 'POST', `/api/assignments/${id}/submissions`, {
        displayName: 'Dee',
        studentToken: first.studentToken,
        answers: answersFor(items, { 0: { 0: n } }),
      });
    const [a, b] = await Promise.all([again(11), again(22)]);
    // The loser is refused either way: 409 when both claimed attempt 2 at once, or 429 (a student submits once every
    // few seconds) when the machine was slow enough that it read the attempts after the winner had stored its own.
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(201);
    expect([409, 429]).toContain(statuses[1]);
    const stored = await api.kv.get(`submissions/${id}/${first.submissionId}/02`);
    expect(await api.kv.get(`submissions/${id}/${first.submissionId}/03`)).toBeNull();
    const winner = a.status === 201 ? 11 : 22;
    expect(stored).toMatchObject({ attempt: 2 });
    expect((stored as { answers: { layers: number[] }[] }).answers[0]?.layers[0]).toBe(winner);
  });
});
