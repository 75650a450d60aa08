import { describe, expect, test } from 'vitest';
import { practiceItem } from '../../src/domain/practice-set';
import { PracticeSetOptions } from '../../src/domain/schema/practice-set';
import { postScore } from '../support/score-request';

const post = postScore;

const set = { seed: 'class-7b', count: 5, level: 2 };

describe('POST /api/score with a practice-set network', () => {
  test('regenerates the network from the set and scores answers against it', async () => {
    const item = practiceItem(PracticeSetOptions.parse(set), 3);
    if (!item.ok) throw new Error('the set generates');
    const layers = item.value.report.layers.map((l) => l.params);
    const response = await post({
      practiceSet: { ...set, index: 3 },
      answers: { layers, total: item.value.report.totals.params },
    });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.input).toEqual(item.value.network.input);
    expect(body.score).toEqual({
      correct: layers.length + 1,
      carriedForward: 0,
      answered: layers.length + 1,
      possible: layers.length + 1,
    });
  });

  test('refuses an index outside the set, pointing at it', async () => {
    const body = await (await post({ practiceSet: { ...set, index: 5 } })).json();
    expect(body.status).toBe(422);
    expect(body.errors).toEqual([
      { pointer: '/practiceSet/index', detail: 'index must be a whole number from 0 to 4' },
    ]);
  });

  test('refuses a request that sends a network and names a set', async () => {
    const network = { input: [4, 4, 1], layers: [{ type: 'flatten' }] };
    const body = await (await post({ network, practiceSet: { ...set, index: 0 } })).json();
    expect(body.errors[0].pointer).toBe('/practiceSet');
  });

  test('points a wrong number of answers at the answers', async () => {
    const body = await (await post({ practiceSet: { ...set, index: 0 }, answers: { layers: [1] } })).json();
    expect(body.errors[0].pointer).toBe('/answers/layers');
  });
});
