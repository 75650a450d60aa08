import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { pytorchSnippet } from '../../src/domain/code-export';
import { createRandom } from '../../src/domain/random';
import { randomGraph } from '../support/random-graph';

const PYTHON = '/usr/bin/python3';
const torchMissing = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;
const NETWORKS = 300;

/** Runs each script as a user would (a fresh namespace), keeping what it prints. */
const RUNNER = `
import contextlib, io, json, sys, torch
out = []
for script in json.load(sys.stdin):
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            exec(script, {"__name__": "__main__"})
        out.append({"printed": buffer.getvalue().strip().splitlines()})
    except Exception as error:
        out.append({"error": repr(error)})
json.dump(out, sys.stdout)
`;

/** A Keras channels-last shape as PyTorch holds it, with the batch of one. */
const channelsFirst = (shape: readonly number[]) =>
  shape.length === 1 ? [1, ...shape] : [1, shape.at(-1), ...shape.slice(0, -1)];

describe.skipIf(torchMissing)('PyTorch code for random graph networks, run in real PyTorch', () => {
  const failures: unknown[] = [];
  let compared = 0;

  beforeAll(() => {
    const cases = Array.from({ length: NETWORKS }, (_, n) => {
      const network = randomGraph(createRandom(`pytorch-graph-${n}`));
      const keras = analyzeNetwork(network);
      const pytorch = analyzeNetwork(network, 'pytorch');
      if (!keras.ok || !pytorch.ok) throw new Error(`graph ${n} was refused`);
      return {
        n,
        keras: keras.value,
        pytorch: pytorch.value,
        script: pytorchSnippet(network, keras.value, pytorch.value),
      };
    });
    const run = spawnSync(PYTHON, ['-c', RUNNER], {
      input: JSON.stringify(cases.map((c) => c.script)),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
    const results = JSON.parse(run.stdout) as { printed?: string[]; error?: string }[];
    for (const { n, keras, pytorch } of cases) {
      const result = results[n];
      if (!result?.printed) {
        failures.push({ n, error: result?.error });
        continue;
      }
      compared += 1;
      const [shapes, count] = result.printed.slice(-2);
      const expected = `[(${channelsFirst(keras.layers.at(-1)?.outputShape ?? []).join(', ')})]`;
      if (shapes !== expected) failures.push({ n, what: 'output shape', ours: expected, torch: shapes });
      // PyTorch's own sum of p.numel() against our count by PyTorch's convention (BN without its buffers).
      if (count !== String(pytorch.totals.params)) {
        failures.push({ n, what: 'parameters', ours: pytorch.totals.params, torch: count });
      }
    }
  }, 600_000);

  test('builds every network with our counts and output shape', () => {
    expect(failures.slice(0, 5)).toEqual([]);
    expect(compared).toBe(NETWORKS);
  });
});
