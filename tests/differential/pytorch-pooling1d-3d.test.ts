import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { specOf } from '../../src/domain/layers';
import { createRandom } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';
import { randomPoolingNetwork } from '../support/tfjs-pooling1d-3d';

// Debian's python has PyTorch; the python first on PATH may not.
const PYTHON = '/usr/bin/python3';
const torchMissing = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;
if (torchMissing) console.warn(`PyTorch differential test skipped: ${PYTHON} cannot import torch`);

const NETWORKS_PER_CASE = 60;

/** Runs each network's modules layer by layer in one python process; returns each layer's shape and parameter count. */
const RUNNER = `
import json, sys, torch
from torch import nn
out = []
with torch.no_grad():
    for net in json.load(sys.stdin):
        try:
            x = torch.zeros(1, *net["input"])
            layers = []
            for modules in net["layers"]:
                params = 0
                for text in modules:
                    module = eval(text, {"nn": nn, "torch": torch})
                    params += sum(p.numel() for p in module.parameters())
                    x = module(x)
                layers.append({"shape": list(x.shape[1:]), "params": params})
            out.append({"layers": layers})
        except Exception as error:
            out.append({"error": repr(error)})
json.dump(out, sys.stdout)
`;

interface TorchResult {
  layers?: { shape: number[]; params: number }[];
  error?: string;
}

type Format = 'channels_last' | 'channels_first';

/** A network PyTorch could not run, or a layer where PyTorch and the engine disagree. */
interface Failure {
  name: string;
  error?: string;
  layer?: number;
  type?: string;
  ours?: unknown;
  theirs?: unknown;
}

/** Our shape as a PyTorch tensor holds it: channels first, a flat vector unchanged. */
const torchShape = (shape: readonly number[], format: Format) =>
  shape.length === 1 || format === 'channels_first' ? [...shape] : [shape[shape.length - 1], ...shape.slice(0, -1)];

interface Case {
  name: string;
  network: Network;
  format: Format;
  report: NetworkReport;
}

function analyzed(name: string, network: Network, format: Format): Case {
  const report = analyzeNetwork(network, 'pytorch');
  if (!report.ok) throw new Error(`${name}: ${JSON.stringify(report.error)}`);
  return { name, network, format, report: report.value };
}

const randomCases: Case[] = ([1, 3] as const).flatMap((rank) =>
  (['channels_last', 'channels_first'] as const).flatMap((format) =>
    Array.from({ length: NETWORKS_PER_CASE }, (_, n) => {
      const name = `torch-pooling${rank}d-${format}-${n}`;
      return analyzed(name, randomPoolingNetwork(createRandom(name), rank, { target: 'pytorch', format }), format);
    }),
  ),
);

// The 2-D global layers' keepdims, which tfjs 4 cannot check.
const twoDCases: Case[] = (
  [
    ['channels_last', [7, 7, 64], { type: 'globalAveragePooling2d', keepdims: true }],
    ['channels_last', [5, 6, 3], { type: 'globalMaxPooling2d', keepdims: true }],
    ['channels_first', [64, 7, 7], { type: 'globalAveragePooling2d', keepdims: true, dataFormat: 'channels_first' }],
    ['channels_first', [3, 5, 6], { type: 'globalMaxPooling2d', dataFormat: 'channels_first' }],
  ] as [Format, number[], Layer][]
).map(([format, input, layer], i) =>
  analyzed(`2-D keepdims ${i}`, Network.parse({ input, layers: [layer, { type: 'flatten' }] }), format),
);

const cases = [...randomCases, ...twoDCases];

function runTorch(): TorchResult[] {
  const payload = cases.map(({ network, format, report }) => ({
    input: torchShape(network.input, format),
    layers: network.layers.map((layer, i) => specOf(layer).pytorch(layer, report.layers[i]?.inputShape ?? [])),
  }));
  const run = spawnSync(PYTHON, ['-c', RUNNER], { input: JSON.stringify(payload), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as TorchResult[];
}

describe.skipIf(torchMissing)('our PyTorch code for 1-D and 3-D pooling, run in PyTorch', () => {
  const results = torchMissing ? [] : runTorch();
  const failures = cases.flatMap(({ name, report, format }, i): Failure[] => {
    const result = results[i];
    if (!result?.layers) return [{ name, error: result?.error ?? 'no result' }];
    return report.layers.flatMap((layer, j) => {
      const theirs = result.layers?.[j];
      const ours = { shape: torchShape(layer.outputShape, format), params: layer.params };
      return JSON.stringify(ours) === JSON.stringify(theirs)
        ? []
        : [{ name, layer: j, type: layer.type, ours, theirs }];
    });
  });

  test(`covers at least 100 random networks and every pooling type`, () => {
    expect(randomCases.length).toBeGreaterThanOrEqual(100);
    const types = new Set(cases.flatMap((c) => c.network.layers.map((l) => l.type)));
    for (const type of [
      'maxPooling1d',
      'averagePooling1d',
      'globalAveragePooling1d',
      'globalMaxPooling1d',
      'maxPooling3d',
      'averagePooling3d',
      'globalAveragePooling3d',
      'globalMaxPooling3d',
    ] as const) {
      expect(types.has(type), type).toBe(true);
    }
    const keepdims = cases.flatMap((c) => c.network.layers).filter((l) => 'keepdims' in l && l.keepdims === true);
    expect(keepdims.length).toBeGreaterThan(10);
    const same = cases.flatMap((c) => c.network.layers).filter((l) => 'padding' in l && l.padding === 'same');
    expect(same.length).toBeGreaterThan(50);
  });

  test('gives every layer the output shape and parameter count the engine gives it', () => {
    expect(results.length).toBe(cases.length);
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
