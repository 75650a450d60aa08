import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { specOf } from '../../src/domain/layers';
import { createRandom } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';
import { randomConvNetwork, type Family } from '../support/random-conv1d-3d';

// Debian's python has PyTorch; the python first on PATH may not.
const PYTHON = '/usr/bin/python3';
const torchMissing = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;
if (torchMissing) console.warn(`PyTorch differential test skipped: ${PYTHON} cannot import torch`);

const NETWORKS_PER_FAMILY = 200;

/**
 * Builds each network's modules (our PyTorch code, evaluated as written) layer by layer in one python process and
 * reports each layer's output shape and parameter count. Evaluation mode keeps batch normalization from needing
 * more than one value per channel.
 */
const RUNNER = `
import json, sys, torch
from torch import nn
out = []
with torch.no_grad():
    for net in json.load(sys.stdin):
        try:
            x = torch.zeros(2, *net["input"])
            layers = []
            for modules in net["layers"]:
                params = 0
                for text in modules:
                    module = eval(text, {"nn": nn, "torch": torch}).eval()
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

/** A network PyTorch could not run, or a layer where PyTorch and the engine disagree. */
interface Failure {
  name: string;
  error?: string;
  layer?: number;
  type?: string;
  what?: string;
  ours?: unknown;
  theirs?: unknown;
  modules?: string[];
}

/** Our shape as a PyTorch tensor holds it: channels first, a flat vector unchanged. */
const torchShape = (shape: readonly number[], first: boolean) =>
  shape.length === 1 || first ? [...shape] : [shape[shape.length - 1], ...shape.slice(0, -1)];

interface Case {
  name: string;
  network: Network;
  first: boolean;
  report: NetworkReport;
  modules: string[][];
}

function analyzed(name: string, network: Network, first: boolean): Case {
  const report = analyzeNetwork(network, 'pytorch');
  if (!report.ok) throw new Error(`${name}: ${JSON.stringify(report.error)}`);
  const modules = network.layers.map((layer, i) =>
    specOf(layer).pytorch(layer, report.value.layers[i]?.inputShape ?? []),
  );
  return { name, network, first, report: report.value, modules };
}

// One network in four is channels first throughout; PyTorch then takes the Keras shapes as they are.
const cases: Case[] = (['1d', '3d'] as Family[]).flatMap((family) =>
  Array.from({ length: NETWORKS_PER_FAMILY }, (_, n) => {
    const name = `torch-conv-${family}-${n}`;
    const first = n % 4 === 3;
    const network = randomConvNetwork(
      createRandom(name),
      family,
      'pytorch',
      first ? 'channels_first' : 'channels_last',
    );
    return analyzed(name, network, first);
  }),
);

function runTorch(): TorchResult[] {
  const input = cases.map(({ network, first, modules }) => ({
    input: torchShape(network.input, first),
    layers: modules,
  }));
  const run = spawnSync(PYTHON, ['-c', RUNNER], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as TorchResult[];
}

describe.skipIf(torchMissing)('1-D and 3-D convolutions built in PyTorch from our PyTorch code', () => {
  const results = torchMissing ? [] : runTorch();
  const failures: Failure[] = [];
  const compared = new Map<string, number>();
  cases.forEach(({ name, first, report, modules }, n) => {
    const result = results[n];
    if (!result?.layers) {
      failures.push({ name, error: result?.error ?? 'no result', modules: modules.flat() });
      return;
    }
    report.layers.forEach((layer, i) => {
      const theirs = result.layers?.[i];
      compared.set(layer.type, (compared.get(layer.type) ?? 0) + 1);
      const at = { name, layer: i, type: layer.type, modules: modules[i] ?? [] };
      if (theirs?.params !== layer.params)
        failures.push({ ...at, what: 'params', ours: layer.params, theirs: theirs?.params });
      const shape = torchShape(layer.outputShape, first);
      if (JSON.stringify(theirs?.shape) !== JSON.stringify(shape)) {
        failures.push({ ...at, what: 'shape', ours: shape, theirs: theirs?.shape });
      }
    });
  });

  test(`runs all ${cases.length} networks`, () => {
    expect(failures.filter((f) => f.error !== undefined)).toEqual([]);
  });

  test('counts every layer’s parameters as PyTorch does', () => {
    expect(failures.filter((f) => f.what === 'params')).toEqual([]);
  });

  test('infers every layer’s output shape as PyTorch does', () => {
    expect(failures.filter((f) => f.what === 'shape')).toEqual([]);
  });

  test('compared every 1-D and 3-D convolution type many times', () => {
    const types: Layer['type'][] = [
      'conv1d',
      'conv1dTranspose',
      'separableConv1d',
      'depthwiseConv1d',
      'conv3d',
      'conv3dTranspose',
    ];
    expect(types.filter((t) => (compared.get(t) ?? 0) < 40).map((t) => `${t}: ${compared.get(t) ?? 0}`)).toEqual([]);
  });

  test('compared the options that change the PyTorch code', () => {
    const layers = cases.flatMap((c) => c.network.layers);
    const count = (what: (l: Layer) => boolean) => layers.filter(what).length;
    const above1 = (v: unknown) => (Array.isArray(v) ? v.some((x) => x > 1) : typeof v === 'number' && v > 1);
    const transposed = (l: Layer) => l.type === 'conv1dTranspose' || l.type === 'conv3dTranspose';
    expect({
      causal: count((l) => l.type === 'conv1d' && l.padding === 'causal') >= 20,
      groups: count((l) => 'groups' in l && (l.groups ?? 1) > 1) >= 20,
      sameStrided: count((l) => 'padding' in l && l.padding === 'same' && 'strides' in l && above1(l.strides)) >= 20,
      dilatedTranspose: count((l) => transposed(l) && 'dilationRate' in l && above1(l.dilationRate)) >= 10,
      sameTranspose: count((l) => transposed(l) && 'padding' in l && l.padding === 'same') >= 20,
      channelsFirst: cases.filter((c) => c.first).length >= 30,
    }).toEqual({
      causal: true,
      groups: true,
      sameStrided: true,
      dilatedTranspose: true,
      sameTranspose: true,
      channelsFirst: true,
    });
  });
});
