import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { postScore } from '../support/score-request';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/keras/${name}`, import.meta.url), 'utf8');

const post = postScore;

describe('POST /api/score with a Keras model', () => {
  test('scores a pasted model.to_json() object like the same network', async () => {
    const response = await post({ kerasModel: JSON.parse(fixture('keras3-classic.json')), answers: { total: 2515 } });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.layers.map((l: { params: number }) => l.params)).toEqual([56, 57, 0, 2402]);
    expect(body.total.answer.correct).toBe(true);
  });

  test('accepts the JSON as the string model.to_json() returns', async () => {
    const response = await post({ kerasModel: fixture('keras2-classic.json') });
    expect((await response.json()).total.params).toBe(2515);
  });

  test('points an unsupported layer class into the pasted JSON', async () => {
    const response = await post({ kerasModel: JSON.parse(fixture('keras3-unsupported-layers.json')) });
    expect(response.status).toBe(422);
    const body = await response.json();
    expect(body.errors[0].pointer).toBe('/kerasModel/config/layers/2/class_name');
    expect(body.errors[0].detail).toMatch(/Lambda, which Learnable does not count/);
  });

  test('points at a Keras model sent as a string and says where inside it the problem is', async () => {
    const response = await post({ kerasModel: fixture('keras3-unsupported-layers.json') });
    const body = await response.json();
    expect(body.errors[0].pointer).toBe('/kerasModel');
    expect(body.errors[0].detail).toMatch(
      /^at config\.layers\.2\.class_name in the Keras JSON: layer 2 \(numbered .*\) is a Lambda/,
    );
  });

  test('points a network problem at the Keras option that causes it', async () => {
    // A 30×30 kernel on a 20×20 input with valid padding: the second Keras layer entry.
    const model = JSON.parse(fixture('keras3-classic.json'));
    model.config.layers[1].config.kernel_size = [30, 30];
    model.config.layers[1].config.padding = 'valid';
    const body = await (await post({ kerasModel: model })).json();
    expect(body.status).toBe(422);
    expect(body.errors[0].pointer).toBe('/kerasModel/config/layers/1/config/kernel_size');
  });

  test('lists at most 100 problems and says how many more there are', async () => {
    const layer = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`option${i}`, i]));
    const response = await post({ network: { input: [4, 4, 1], layers: [{ type: 'flatten', ...layer }] } });
    const body = await response.json();
    expect(body.errors).toHaveLength(100);
    expect(body.detail).toMatch(/; and 400 more problems$/);
  });

  test('refuses a request with both a network and a Keras model', async () => {
    const response = await post({ kerasModel: {}, network: { input: [1, 1, 1], layers: [{ type: 'flatten' }] } });
    expect(response.status).toBe(422);
    expect((await response.json()).errors[0].pointer).toBe('/kerasModel');
  });
});
