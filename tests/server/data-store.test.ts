import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { intervalOf } from '../../src/server/schedules';
import { answersFor, itemsOf, setOptions } from '../support/assignment-api';
import { makeFixtureSite } from './support/fixture-site';
import { send, startTestServer } from './support/http';

let site = '';
let data = '';
beforeAll(() => {
  site = makeFixtureSite();
  data = join(mkdtempSync(join(tmpdir(), 'learnable-data-')), 'kept');
});
afterAll(() => {
  rmSync(site, { recursive: true, force: true });
  rmSync(join(data, '..'), { recursive: true, force: true });
});

const SET = setOptions({ seed: 'restart', count: 2 });
const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the self-host server’s data folder', () => {
  test('runs Netlify’s local Blobs server over the folder it is given, and the data survive a restart', async () => {
    let server = await startTestServer(site, { data });
    expect(server.data).toBe(data);
    const created = JSON.parse(
      (await send(server.url, '/api/assignments', json({ title: 'Kept', set: SET }))).body.toString(),
    );
    const submitted = await send(
      server.url,
      `/api/assignments/${created.id}/submissions`,
      json({ displayName: 'Ada', answers: answersFor(itemsOf(SET)) }),
    );
    expect(submitted.status).toBe(201);
    await server.close();
    // BlobsServer's own layout: entries/<site>/site:<store>/<key…>.
    expect(readdirSync(join(data, 'entries'))).toEqual(['learnable-local']);
    expect(
      existsSync(join(data, 'entries', 'learnable-local', 'site:learnable-assignments', 'assignments', created.id)),
    ).toBe(true);

    server = await startTestServer(site, { data });
    try {
      const results = await send(server.url, `/api/assignments/${created.id}/results`, {
        headers: { authorization: `Bearer ${created.key}` },
      });
      expect(results.status).toBe(200);
      expect(JSON.parse(results.body.toString()).students.map((s: { displayName: string }) => s.displayName)).toEqual([
        'Ada',
      ]);
    } finally {
      await server.close();
    }
  });

  test('gives the clean-up function no address: it runs on the server’s timer, as on Netlify', async () => {
    const server = await startTestServer(site, { data });
    try {
      expect(server.functions.find((fn) => fn.name === 'assignments-cleanup')).toMatchObject({
        paths: [],
        schedule: '@daily',
      });
      expect(
        (await send(server.url, '/.netlify/functions/assignments-cleanup', { method: 'POST', body: '' })).status,
      ).not.toBe(200);
    } finally {
      await server.close();
    }
  });

  test('runs @hourly, @daily and @weekly, and refuses another schedule by name', () => {
    expect(intervalOf('@daily', 'x')).toBe(86_400_000);
    expect(() => intervalOf('0 3 * * *', 'nightly')).toThrow(
      /nightly: the self-host server runs @hourly, @daily, @weekly/,
    );
  });
});
