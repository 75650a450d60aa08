import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ClassResults,
  CreatedAssignment,
  OwnSubmission,
  PublicAssignment,
  SubmissionReceipt,
} from '../../src/domain/schema/assignment';
import { postScore } from '../support/score-request';
import { answersFor, auth, call, itemsOf, setOptions, startLiveApi, type LiveApi } from '../support/assignment-api';

let api: LiveApi;
beforeAll(async () => {
  api = await startLiveApi();
});
afterAll(async () => {
  await api?.stop();
});

const SET = setOptions({ seed: 'handler-class', count: 3, level: 1 });
const ITEMS = itemsOf(SET);

async function create(extra: Record<string, unknown> = {}) {
  // The site makes at most 30 assignments a minute: the tests' clock moves on 2.5 s with each.
  api.clock.now = new Date(api.clock.now.getTime() + 2_500);
  const response = await call(api, 'POST', '/api/assignments', { title: 'Week 3', set: SET, ...extra });
  expect(response.status, await response.clone().text()).toBe(201);
  return CreatedAssignment.parse(await response.json());
}

const submit = (id: string, body: Record<string, unknown>) =>
  call(api, 'POST', `/api/assignments/${id}/submissions`, body);

/** Every blob in the store, as text. */
async function everything() {
  const { keys } = await api.kv.list('');
  return Promise.all(keys.map(async (key) => ({ key, text: JSON.stringify(await api.kv.get(key)) })));
}

/** The first layer of a network that has biases, and the count that forgetting them gives. */
function forgotBiases(index: number) {
  const item = ITEMS[index];
  const layer = item?.report.layers.findIndex((l) => l.biases > 0 && l.weights > 0) ?? -1;
  const found = item?.report.layers[layer];
  if (!found) throw new Error('no layer with biases');
  return { layer, value: found.weights, type: found.type };
}

describe('POST /api/assignments', () => {
  test('makes an assignment: 201 with its id, a student link without seed or key, and the key in the results link’s fragment', async () => {
    const response = await call(api, 'POST', '/api/assignments', { title: '  Week 3 ', set: SET });
    expect(response.status).toBe(201);
    const created = CreatedAssignment.parse(await response.json());
    expect(response.headers.get('location')).toBe(`/api/assignments/${created.id}`);
    expect(created.title).toBe('Week 3');
    expect(created.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(created.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const student = new URL(created.studentUrl);
    expect([...student.searchParams.keys()]).toEqual(['id']);
    expect(created.studentUrl).not.toContain(SET.seed);
    expect(created.studentUrl).not.toContain(created.key);
    const results = new URL(created.resultsUrl);
    expect(results.search).toBe(`?id=${created.id}`);
    expect(results.hash).toBe(`#key=${created.key}`);
  });

  test('stores only the SHA-256 of the key: the key itself is nowhere in the store', async () => {
    const created = await create();
    const blobs = await everything();
    expect(blobs.some(({ text }) => text.includes(created.key))).toBe(false);
    const stored = await api.kv.get(`assignments/${created.id}`);
    expect(stored).toMatchObject({ keyHash: createHash('sha256').update(created.key).digest('hex') });
  });

  test.each([
    ['no title', { set: SET }, '/title'],
    ['a title of 121 characters', { title: 'x'.repeat(121), set: SET }, '/title'],
    ['a title with a control character', { title: 'Week\u00073', set: SET }, '/title'],
    ['a seed with a space', { title: 'W', set: { ...SET, seed: 'a b' } }, '/set/seed'],
    ['51 networks', { title: 'W', set: { ...SET, count: 51 } }, '/set/count'],
    ['an unknown option', { title: 'W', set: SET, retries: 2 }, '/retries'],
    ['11 attempts', { title: 'W', set: SET, attempts: 11 }, '/attempts'],
    ['feedback after a due date without one', { title: 'W', set: SET, feedback: 'after-due' }, '/dueAt'],
    ['a due date in the past', { title: 'W', set: SET, dueAt: '2030-02-01T00:00:00Z' }, '/dueAt'],
    ['a due date two years away', { title: 'W', set: SET, dueAt: '2032-03-01T00:00:00Z' }, '/dueAt'],
    ['a due date that is not a date', { title: 'W', set: SET, dueAt: 'friday' }, '/dueAt'],
    ['a set no network can meet', { title: 'W', set: { ...SET, level: 1, include: ['conv3d'] } }, '/set/include'],
  ])('refuses %s with 422 at its pointer', async (_, body, pointer) => {
    const response = await call(api, 'POST', '/api/assignments', body);
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({ type: '/api/#invalid-assignment', status: 422 });
    expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  test('refuses other media types (415), bodies over 16 KiB (413), broken JSON (400) and GET (405)', async () => {
    expect((await call(api, 'POST', '/api/assignments', 'x', { 'Content-Type': 'text/plain' })).status).toBe(415);
    const big = { title: 'W', set: SET, padding: 'x'.repeat(17_000) };
    expect((await call(api, 'POST', '/api/assignments', big)).status).toBe(413);
    expect((await call(api, 'POST', '/api/assignments', '{"title": ')).status).toBe(400);
    const get = await call(api, 'GET', '/api/assignments');
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST, OPTIONS');
  });
});

describe('GET /api/assignments/{id}', () => {
  test('gives the networks to answer and nothing that answers them: no counts, shapes, seed or key', async () => {
    const created = await create({ set: { ...SET, askShapes: true } });
    const response = await call(api, 'GET', `/api/assignments/${created.id}`);
    expect(response.status).toBe(200);
    const view = PublicAssignment.parse(await response.json());
    expect(view.networks.map((n) => n.network)).toEqual(ITEMS.map((item) => item.network));
    const text = JSON.stringify(view);
    for (const secret of ['"params"', '"outputShape"', '"explanation"', 'keyHash', SET.seed, created.key]) {
      expect(text).not.toContain(secret);
    }
  });

  test('answers 404 for an id that is not there or not an id', async () => {
    expect((await call(api, 'GET', '/api/assignments/AAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    expect((await call(api, 'GET', '/api/assignments/../../etc')).status).toBe(404);
    expect((await call(api, 'GET', '/api/assignments/short')).status).toBe(404);
  });
});

describe('POST /api/assignments/{id}/submissions', () => {
  test('scores each network exactly as /api/score scores that network of the set', async () => {
    const created = await create();
    const answers = answersFor(ITEMS, { 1: { [forgotBiases(1).layer]: forgotBiases(1).value } });
    const response = await submit(created.id, { displayName: 'Ada', answers });
    expect(response.status).toBe(201);
    const receipt = SubmissionReceipt.parse(await response.json());
    for (const [index, report] of (receipt.networks ?? []).entries()) {
      const direct = await postScore({ practiceSet: { ...SET, index }, answers: answers[index] });
      expect(report).toEqual(await direct.json());
    }
    expect(receipt.networks?.[1]?.layers[forgotBiases(1).layer]?.answer?.mistakes?.map((m) => m.code)).toContain(
      'forgot-biases',
    );
    expect(receipt).toMatchObject({ attempt: 1, attemptsLeft: 0, displayName: 'Ada', feedbackOpen: true });
    expect(receipt.studentToken).toMatch(new RegExp(`^${receipt.submissionId}\\.`));
  });

  test.each([1, 2, 3, 4, 5, 'mix'] as const)(
    'takes a set of level %s from start to results, full marks stored and read back',
    async (level) => {
      const set = setOptions({ seed: `levels-${level}`, count: 2, level, askShapes: level !== 1 });
      const items = itemsOf(set);
      const { id, key } = await create({ title: `Level ${level}`, set });
      const view = PublicAssignment.parse(await (await call(api, 'GET', `/api/assignments/${id}`)).json());
      expect(view.networks.map((n) => n.level)).toEqual(items.map((item) => item.level));
      const sent = await submit(id, { displayName: 'Lev', answers: answersFor(items, {}, set.askShapes) });
      expect(sent.status, await sent.clone().text()).toBe(201);
      const results = ClassResults.parse(
        await (await call(api, 'GET', `/api/assignments/${id}/results`, undefined, auth(key))).json(),
      );
      expect(results.students[0]?.score.correct).toBe(results.students[0]?.score.possible);
    },
  );

  test('keeps one blob per attempt, and a student’s token makes further attempts up to the limit', async () => {
    const created = await create({ attempts: 2 });
    const first = SubmissionReceipt.parse(
      await (await submit(created.id, { displayName: 'Bo', answers: answersFor(ITEMS) })).json(),
    );
    const token = first.studentToken ?? '';
    // Too soon: one submission every 10 seconds per student.
    const soon = await submit(created.id, { displayName: 'Bo', studentToken: token, answers: answersFor(ITEMS) });
    expect(soon.status).toBe(429);
    expect(Number(soon.headers.get('retry-after'))).toBeGreaterThan(0);
    api.clock.now = new Date(api.clock.now.getTime() + 11_000);
    const second = await submit(created.id, { displayName: 'Bo', studentToken: token, answers: answersFor(ITEMS) });
    expect(second.status).toBe(201);
    expect(await second.json()).toMatchObject({ attempt: 2, attemptsLeft: 0, submissionId: first.submissionId });
    api.clock.now = new Date(api.clock.now.getTime() + 11_000);
    const third = await submit(created.id, { displayName: 'Bo', studentToken: token, answers: answersFor(ITEMS) });
    expect(third.status).toBe(409);
    expect(await third.json()).toMatchObject({ type: '/api/#no-attempts-left' });
    const { keys } = await api.kv.list(`submissions/${created.id}/`);
    expect(keys.sort()).toEqual([
      `submissions/${created.id}/${first.submissionId}/01`,
      `submissions/${created.id}/${first.submissionId}/02`,
    ]);
  });

  test('refuses a token that is not this assignment’s, at /studentToken', async () => {
    const created = await create({ attempts: 3 });
    const response = await submit(created.id, {
      displayName: 'Cy',
      studentToken: '001.AAAAAAAAAAAAAAAAAAAAAA',
      answers: answersFor(ITEMS),
    });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].pointer).toBe('/studentToken');
  });

  test.each([
    ['one answers object too few', (a: unknown[]) => ({ displayName: 'D', answers: a.slice(1) }), '/answers'],
    [
      'a network’s layers answered short',
      (a: { layers: number[] }[]) => ({
        displayName: 'D',
        answers: a.map((n, i) => (i === 1 ? { ...n, layers: n.layers.slice(1) } : n)),
      }),
      '/answers/1/layers',
    ],
    [
      'a negative count',
      (a: { layers: number[] }[]) => ({
        displayName: 'D',
        answers: a.map((n, i) => (i === 2 ? { ...n, layers: [-1, ...n.layers.slice(1)] } : n)),
      }),
      '/answers/2/layers/0',
    ],
    [
      'shapes where none are asked',
      (a: object[]) => ({ displayName: 'D', answers: a.map((n) => ({ ...n, outputShapes: [] })) }),
      '/answers/0/outputShapes',
    ],
    ['no display name', (a: unknown[]) => ({ answers: a }), '/displayName'],
    ['a blank display name', (a: unknown[]) => ({ displayName: ' \u00a0 ', answers: a }), '/displayName'],
    [
      'a display name of 61 characters',
      (a: unknown[]) => ({ displayName: 'é'.repeat(61), answers: a }),
      '/displayName',
    ],
    [
      'a right-to-left override in a name',
      (a: unknown[]) => ({ displayName: 'Eve\u202egnp.exe', answers: a }),
      '/displayName',
    ],
    ['a newline in a name', (a: unknown[]) => ({ displayName: 'Eve\nAdmin', answers: a }), '/displayName'],
  ])('refuses %s with 422 at its pointer', async (_, make, pointer) => {
    const created = await create();
    const response = await submit(created.id, make(answersFor(ITEMS) as never));
    expect(response.status).toBe(422);
    const problem = await response.json();
    expect(problem.type).toBe('/api/#invalid-submission');
    expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect((await api.kv.list(`submissions/${created.id}/`)).keys).toEqual([]);
  });

  test('takes names in any script, normalized: 60 characters of them, emoji included', async () => {
    const created = await create();
    const name = 'Zoë 李 محمد 👩‍🔬'.normalize('NFD');
    const receipt = await (await submit(created.id, { displayName: `  ${name}  `, answers: answersFor(ITEMS) })).json();
    expect(receipt.displayName).toBe(name.normalize('NFC').trim());
    expect((await submit(created.id, { displayName: 'ü'.repeat(60), answers: answersFor(ITEMS) })).status).toBe(201);
  });

  test('after the due date takes no more submissions (409), and with feedback "after-due" shows verdicts only then', async () => {
    const due = new Date(api.clock.now.getTime() + 3_600_000).toISOString();
    const created = await create({ feedback: 'after-due', dueAt: due });
    const wrong = forgotBiases(0);
    const response = await submit(created.id, {
      displayName: 'Fay',
      answers: answersFor(ITEMS, { 0: { [wrong.layer]: wrong.value } }),
    });
    const receipt = SubmissionReceipt.parse(await response.json());
    expect(receipt).toMatchObject({ feedbackOpen: false, feedbackAt: due });
    expect(receipt.score).toBeUndefined();
    expect(receipt.networks).toBeUndefined();
    const own = `/api/assignments/${created.id}/submissions/${receipt.submissionId}`;
    const before = OwnSubmission.parse(
      await (await call(api, 'GET', own, undefined, auth(receipt.studentToken ?? ''))).json(),
    );
    expect(before.networks).toBeUndefined();
    const later = api.clock.now;
    api.clock.now = new Date(Date.parse(due) + 1000);
    try {
      expect((await submit(created.id, { displayName: 'Gil', answers: answersFor(ITEMS) })).status).toBe(409);
      const after = OwnSubmission.parse(
        await (await call(api, 'GET', own, undefined, auth(receipt.studentToken ?? ''))).json(),
      );
      expect(after.feedbackOpen).toBe(true);
      expect(after.networks?.[0]?.layers[wrong.layer]?.answer?.correct).toBe(false);
      // Another student's token, or none, does not open it.
      expect((await call(api, 'GET', own)).status).toBe(401);
      expect(
        (await call(api, 'GET', own, undefined, auth(`${receipt.submissionId}.AAAAAAAAAAAAAAAAAAAAAA`))).status,
      ).toBe(403);
    } finally {
      api.clock.now = later;
    }
  });

  test('takes at most 500 students (409 class-full), and at most 300 submissions a minute per assignment (429)', async () => {
    const created = await create();
    const record = { format: 1, tokenHash: '0'.repeat(64), createdAt: api.clock.now.toISOString() };
    for (let start = 0; start < 500; start += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          api.kv.set(`students/${created.id}/${String(start + i).padStart(3, '0')}`, record),
        ),
      );
    }
    const full = await submit(created.id, { displayName: 'Hal', answers: answersFor(ITEMS) });
    expect(full.status).toBe(409);
    expect(await full.json()).toMatchObject({ type: '/api/#class-full' });

    const busy = await create();
    const minute = Math.floor(api.clock.now.getTime() / 60_000);
    await Promise.all(Array.from({ length: 300 }, () => api.store.mark(busy.id, minute)));
    const limited = await submit(busy.id, { displayName: 'Ivy', answers: answersFor(ITEMS) });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });
});

describe('GET /api/assignments/{id}/results', () => {
  test('needs the key (401 without, 403 with a wrong one), in the Authorization header', async () => {
    const created = await create();
    const path = `/api/assignments/${created.id}/results`;
    const none = await call(api, 'GET', path);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await call(api, 'GET', path, undefined, auth('x'.repeat(43)))).status).toBe(403);
    expect((await call(api, 'GET', path, undefined, auth(created.key.slice(1) + 'A'))).status).toBe(403);
    expect((await call(api, 'GET', `${path}?key=${created.key}`)).status).toBe(401);
    expect((await call(api, 'GET', path, undefined, auth(created.key))).status).toBe(200);
  });

  test('gives each student’s score per network and the class’s mistakes, and the CSV a row per student × layer', async () => {
    const created = await create();
    const wrong = forgotBiases(0);
    const names = ['Ann', 'Ben', 'Cat'];
    // Ann and Ben forget biases on network 1; Cat gets everything right.
    for (const [i, name] of names.entries()) {
      const answers = answersFor(ITEMS, i < 2 ? { 0: { [wrong.layer]: wrong.value } } : {});
      expect((await submit(created.id, { displayName: name, answers })).status).toBe(201);
    }
    const response = await call(api, 'GET', `/api/assignments/${created.id}/results`, undefined, auth(created.key));
    const results = ClassResults.parse(await response.json());
    expect(results.students.map((s) => s.displayName).sort()).toEqual(names);
    const possible = ITEMS.reduce((sum, item) => sum + item.report.layers.length + 1, 0);
    for (const student of results.students) {
      expect(student.score.possible).toBe(possible);
      expect(student.score.correct).toBe(student.displayName === 'Cat' ? possible : possible - 1);
    }
    const forgot = results.class.mistakes.find((m) => m.code === 'forgot-biases');
    expect(forgot).toMatchObject({ students: 2, occurrences: 2, layerTypes: [{ type: wrong.type, occurrences: 2 }] });
    expect(forgot?.summary).toMatch(/^forgot biases: 2 of 3 students, on \w+ layers$/);
    expect(results.class.networks[0]?.index).toBe(0);

    const csv = await call(
      api,
      'GET',
      `/api/assignments/${created.id}/results?format=csv`,
      undefined,
      auth(created.key),
    );
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment;/);
    const lines = (await csv.text())
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    const rowsPerStudent = ITEMS.reduce((sum, item) => sum + item.report.layers.length + 1, 0);
    expect(lines).toHaveLength(1 + names.length * rowsPerStudent);
    expect(lines.filter((line) => line.includes('"forgot-biases"'))).toHaveLength(2);
  });

  test('counts the latest of three attempts, the first in the class’s mistakes, and puts all three in the CSV', async () => {
    const created = await create({ attempts: 3 });
    const wrong = forgotBiases(0);
    const times: string[] = [];
    let token: string | undefined;
    for (const slip of [true, false, false]) {
      api.clock.now = new Date(api.clock.now.getTime() + 11_000);
      times.push(api.clock.now.toISOString());
      const answers = answersFor(ITEMS, slip ? { 0: { [wrong.layer]: wrong.value } } : {});
      const receipt = await (
        await submit(created.id, { displayName: 'Tri', answers, ...(token && { studentToken: token }) })
      ).json();
      token ??= receipt.studentToken;
    }
    const results = ClassResults.parse(
      await (await call(api, 'GET', `/api/assignments/${created.id}/results`, undefined, auth(created.key))).json(),
    );
    expect(results.students[0]).toMatchObject({ attempts: 3, firstSubmittedAt: times[0], submittedAt: times[2] });
    expect(results.students[0]?.score.correct).toBe(results.students[0]?.score.possible);
    expect(results.class.mistakes.map((m) => m.code)).toEqual(['forgot-biases']);
    const csv = await (
      await call(api, 'GET', `/api/assignments/${created.id}/results`, undefined, {
        ...auth(created.key),
        Accept: 'text/csv',
      })
    ).text();
    const rows = ITEMS.reduce((sum, item) => sum + item.report.layers.length + 1, 0);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(1 + 3 * rows);
  });

  test('gives carried-forward credit: a total right for the student’s own wrong layer is counted apart, and not as a mistake of its own', async () => {
    const created = await create();
    const wrong = forgotBiases(0);
    const item = ITEMS[0];
    if (!item) throw new Error('no network');
    // The total of the student's own layer answers: right for them, wrong for the network.
    const layers = item.report.layers.map((l, i) => (i === wrong.layer ? wrong.value : l.params));
    const answers = answersFor(ITEMS);
    answers[0] = { layers, total: layers.reduce((a, b) => a + b, 0) };
    const receipt = SubmissionReceipt.parse(await (await submit(created.id, { displayName: 'Kit', answers })).json());
    const total = receipt.networks?.[0]?.total.answer;
    expect(total).toMatchObject({ correct: false, carriedForward: true, followsFrom: wrong.layer });
    expect(receipt.score?.carriedForward).toBe(1);
    const results = ClassResults.parse(
      await (await call(api, 'GET', `/api/assignments/${created.id}/results`, undefined, auth(created.key))).json(),
    );
    expect(results.students[0]?.score).toMatchObject({ carriedForward: 1, correct: receipt.score?.correct });
    // Only the slip itself is the class's mistake.
    expect(results.class.mistakes.map((m) => m.code)).toEqual(['forgot-biases']);
    const csv = await (
      await call(api, 'GET', `/api/assignments/${created.id}/results?format=csv`, undefined, auth(created.key))
    ).text();
    const totalRow = csv.split('\r\n').find((line) => line.startsWith('"Kit","') && line.includes('"1","total"'));
    expect(totalRow).toContain(`"layer ${wrong.layer + 1}"`);
  });

  test('the instructor deletes one submission, then the whole assignment; both need the key', async () => {
    const created = await create();
    const a = await (await submit(created.id, { displayName: 'Del', answers: answersFor(ITEMS) })).json();
    await submit(created.id, { displayName: 'Kept', answers: answersFor(ITEMS) });
    const one = `/api/assignments/${created.id}/submissions/${a.submissionId}`;
    expect((await call(api, 'DELETE', one)).status).toBe(401);
    expect((await call(api, 'DELETE', one, undefined, auth(created.key))).status).toBe(204);
    expect((await call(api, 'DELETE', one, undefined, auth(created.key))).status).toBe(404);
    const results = await (
      await call(api, 'GET', `/api/assignments/${created.id}/results`, undefined, auth(created.key))
    ).json();
    expect(results.students.map((s: { displayName: string }) => s.displayName)).toEqual(['Kept']);

    const whole = `/api/assignments/${created.id}`;
    expect((await call(api, 'DELETE', whole, undefined, auth('y'.repeat(43)))).status).toBe(403);
    expect((await call(api, 'DELETE', whole, undefined, auth(created.key))).status).toBe(204);
    expect((await call(api, 'GET', whole)).status).toBe(404);
    const left = (await everything()).filter(({ key }) => key.includes(created.id) && !key.startsWith('rate/'));
    expect(left).toEqual([]);
  });
});

describe('retention', () => {
  test('an assignment is gone 180 days after its due date: refused on read, and deleted by the daily clean-up', async () => {
    const due = new Date(api.clock.now.getTime() + 86_400_000).toISOString();
    const read = await create({ dueAt: due });
    const swept = await create({ dueAt: due });
    await submit(read.id, { displayName: 'Old', answers: answersFor(ITEMS) });
    await submit(swept.id, { displayName: 'Old', answers: answersFor(ITEMS) });
    expect(read.expiresAt).toBe(new Date(Date.parse(due) + 180 * 86_400_000).toISOString());
    const before = api.clock.now;
    api.clock.now = new Date(Date.parse(read.expiresAt) + 2 * 86_400_000);
    try {
      expect((await call(api, 'GET', `/api/assignments/${read.id}`)).status).toBe(404);
      expect((await api.kv.list(`submissions/${read.id}/`)).keys).toEqual([]);
      const { AssignmentService } = await import('../../src/store/assignment-service');
      const done = await new AssignmentService(api.store).cleanup(api.clock.now);
      expect(done.assignments).toBeGreaterThanOrEqual(1);
      for (const id of [read.id, swept.id]) {
        expect((await everything()).filter(({ key }) => key.includes(id))).toEqual([]);
      }
    } finally {
      api.clock.now = before;
    }
  });
});
