import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { ACTIVATIONS } from '../../src/domain/activations';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { specOf } from '../../src/domain/layers';
import { PRELU_SLOPES_MODULE } from '../../src/domain/layers/p-re-lu';
import { createRandom, type Random } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';
import { randomActivationLayer } from '../support/tfjs-activations';

// Debian's python has PyTorch; the python first on PATH may not.
const PYTHON = '/usr/bin/python3';
const torchMissing = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;
if (torchMissing) console.warn(`PyTorch differential test skipped: ${PYTHON} cannot import torch`);

const RANDOM_CASES = 300;
const RANDOM_PRELU_CASES = 200;

/**
 * Runs every case in one python process: each case's modules in turn on a zero tensor of its
 * (channels-first) input shape; returns the output shape and the parameter count.
 */
const RUNNER = `
import json, sys, torch
from torch import nn
${PRELU_SLOPES_MODULE.join('\n')}
out = []
with torch.no_grad():
    for case in json.load(sys.stdin):
        try:
            x = torch.zeros(1, *case["input"])
            params = 0
            for text in case["modules"]:
                module = eval(text)
                params += sum(p.numel() for p in module.parameters())
                x = module(x)
            out.append({"shape": list(x.shape[1:]), "params": params})
        except Exception as error:
            out.append({"error": repr(error)})
json.dump(out, sys.stdout)
`;

interface Case {
  name: string;
  /** Keras's shape, channels last. */
  input: number[];
  layer: Layer;
  /** PyTorch modules written by the test itself, independently of the layer's own `pytorch`. */
  reference?: string[];
}

/** A Keras shape as a PyTorch tensor holds it: channels first, a flat vector unchanged. */
const channelsFirst = (shape: readonly number[]) =>
  shape.length === 1 ? [...shape] : [shape[shape.length - 1] ?? 1, ...shape.slice(0, -1)];

/** Hand-picked PReLU cases, each with PyTorch's own module for the same slopes. */
const handCases: Case[] = [
  // One slope per channel: nn.PReLU(16) = 16.
  {
    name: 'per channel of an image',
    input: [32, 32, 16],
    layer: { type: 'pReLU', sharedAxes: [1, 2] },
    reference: ['nn.PReLU(num_parameters=16)'],
  },
  // Per element: 32·32·16 = 16384 on the flattened tensor.
  {
    name: 'per element of an image',
    input: [32, 32, 16],
    layer: { type: 'pReLU' },
    reference: ['nn.Flatten()', 'nn.PReLU(num_parameters=16384)', 'nn.Unflatten(1, (16, 32, 32))'],
  },
  // Per element of a vector: 128.
  {
    name: 'per value of a vector',
    input: [128],
    layer: { type: 'pReLU' },
    reference: ['nn.PReLU(num_parameters=128)'],
  },
  // Everything shared: one slope, nn.PReLU()'s default.
  {
    name: 'one slope for the tensor',
    input: [8, 8, 3],
    layer: { type: 'pReLU', sharedAxes: [1, 2, 3] },
    reference: ['nn.PReLU()'],
  },
  // Steps shared: one per channel of a sequence, 8.
  {
    name: 'per channel of a sequence',
    input: [10, 8],
    layer: { type: 'pReLU', sharedAxes: [1] },
    reference: ['nn.PReLU(num_parameters=8)'],
  },
  // Per channel of a volume: 7.
  {
    name: 'per channel of a volume',
    input: [4, 5, 6, 7],
    layer: { type: 'pReLU', sharedAxes: [1, 2, 3] },
    reference: ['nn.PReLU(num_parameters=7)'],
  },
  // Height shared: (c, 1, w) = 16 × 32 = 512 slopes, in the custom module only.
  { name: 'height shared only', input: [32, 32, 16], layer: { type: 'pReLU', sharedAxes: [1] } },
  // Channels shared: 32 × 32 = 1024.
  { name: 'channels shared', input: [32, 32, 16], layer: { type: 'pReLU', sharedAxes: [3] } },
];

function randomShape(random: Random, rank: number): number[] {
  const sides = Array.from({ length: rank - 1 }, () => random.int(1, rank === 4 ? 5 : 9));
  return rank === 1 ? [random.int(1, 64)] : [...sides, random.int(1, 8)];
}

/** Random layers of the family on inputs of rank 1–4; activation names include the Keras-only ones. */
function randomCase(n: number): Case {
  const random = createRandom(`torch-activations-${n}`);
  const input = randomShape(random, random.int(1, 4));
  let layer: Layer = randomActivationLayer(random, input.length);
  if (layer.type === 'activation') {
    const name = random.pick(ACTIVATIONS);
    // glu halves the last axis, so it needs an even one.
    if (name === 'glu') input[input.length - 1] = 2 * random.int(1, 4);
    layer = { type: 'activation', activation: name };
  }
  return { name: `random ${n}`, input, layer };
}

/** Random PReLU layers on inputs of rank 1–4, so that every sharing pattern meets PyTorch often. */
function randomPReLUCase(n: number): Case {
  const random = createRandom(`torch-prelu-${n}`);
  const input = randomShape(random, random.int(1, 4));
  const axes = Array.from({ length: input.length }, (_, i) => i + 1).filter(() => random.chance(0.5));
  const form = random.int(0, 2);
  const layer: Layer =
    form === 0
      ? { type: 'pReLU' }
      : form === 1
        ? { type: 'pReLU', sharedAxes: axes }
        : { type: 'pReLU', sharedAxes: random.int(1, input.length) };
  return { name: `random pReLU ${n}`, input, layer };
}

const cases = [
  ...handCases,
  ...Array.from({ length: RANDOM_CASES }, (_, n) => randomCase(n)),
  ...Array.from({ length: RANDOM_PRELU_CASES }, (_, n) => randomPReLUCase(n)),
];

/** Our counts by the PyTorch convention and our output shape, for one layer on its input. */
function ours({ input, layer }: Case) {
  const report = analyzeNetwork(Network.parse({ input, layers: [layer] }), 'pytorch');
  if (!report.ok) throw new Error(JSON.stringify(report.error));
  const [at] = report.value.layers;
  if (!at) throw new Error('no layer report');
  return { params: at.params, shape: channelsFirst(at.outputShape) };
}

function runTorch(jobs: { input: number[]; modules: string[] }[]) {
  const run = spawnSync(PYTHON, ['-c', RUNNER], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as { shape?: number[]; params?: number; error?: string }[];
}

describe.skipIf(torchMissing)('activation layers against real PyTorch', () => {
  test(`runs our PyTorch modules for ${cases.length} layers with the same shapes and counts`, () => {
    const results = runTorch(
      cases.map((c) => ({ input: channelsFirst(c.input), modules: specOf(c.layer).pytorch(c.layer, c.input) })),
    );
    const mismatches = cases.flatMap((c, i) => {
      const theirs = results[i];
      const expected = ours(c);
      return theirs?.error !== undefined ||
        theirs?.params !== expected.params ||
        JSON.stringify(theirs.shape) !== JSON.stringify(expected.shape)
        ? [
            {
              name: c.name,
              input: c.input,
              layer: c.layer,
              modules: specOf(c.layer).pytorch(c.layer, c.input),
              ours: expected,
              torch: theirs,
            },
          ]
        : [];
    });
    expect(mismatches.slice(0, 10)).toEqual([]);
    // Every pReLU form ran: stock per-channel, flattened per-element and the custom module.
    const modules = cases.flatMap((c) => specOf(c.layer).pytorch(c.layer, c.input));
    for (const kind of ['nn.PReLU(num_parameters=', 'nn.Unflatten(', 'PReLUSlopes(']) {
      expect(modules.filter((m) => m.startsWith(kind)).length, kind).toBeGreaterThan(10);
    }
  });

  test('counts as many slopes as nn.PReLU on the channels or on the flattened tensor', () => {
    const referenced = handCases.filter((c) => c.reference !== undefined);
    const results = runTorch(referenced.map((c) => ({ input: channelsFirst(c.input), modules: c.reference ?? [] })));
    const keras = referenced.map((c) => {
      const report = analyzeNetwork(Network.parse({ input: c.input, layers: [c.layer] }));
      return report.ok ? report.value.layers[0]?.params : undefined;
    });
    expect(results.map((r) => r.params)).toEqual(keras);
    expect(results.map((r) => r.shape)).toEqual(referenced.map((c) => channelsFirst(c.input)));
    // And the two that need the custom module hold 16 × 1 × 32 = 512 and 1 × 32 × 32 = 1024 slopes.
    expect(handCases.slice(-2).map((c) => ours(c).params)).toEqual([512, 1024]);
  });
});
