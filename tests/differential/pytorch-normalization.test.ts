import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { specOf } from '../../src/domain/layers';
import { createRandom, type Random } from '../../src/domain/random';
import { Network, type Layer } from '../../src/domain/schema/network';

// Debian's python has PyTorch; the python first on PATH may not.
const PYTHON = '/usr/bin/python3';
const torchMissing = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;
if (torchMissing) console.warn(`PyTorch normalization differential test skipped: ${PYTHON} cannot import torch`);

const NETWORKS = 300;

/**
 * For every layer of every network: PyTorch's count of the modules our spec writes, PyTorch's count
 * of a reference module built here from the layer's options (nn.BatchNorm1d/2d/3d, nn.LayerNorm,
 * nn.GroupNorm), and, where PyTorch can run the layer on its channels-first tensor, the output shape.
 * ChannelsLast/ChannelsFirst move the channels for any rank (the snippet's helpers for images).
 */
const RUNNER = `
import json, sys, torch
from torch import nn

class ChannelsLast(nn.Module):
    def forward(self, x):
        return x.movedim(1, -1)

class ChannelsFirst(nn.Module):
    def forward(self, x):
        return x.movedim(-1, 1)

def reference(spec):
    affine = spec["affine"]
    if spec["kind"] == "BatchNorm":
        module = getattr(nn, "BatchNorm%dd" % spec["d"])(spec["c"], affine=affine)
    elif spec["kind"] == "LayerNorm":
        module = nn.LayerNorm(spec["shape"], elementwise_affine=affine)
    else:
        module = nn.GroupNorm(spec["groups"], spec["c"], affine=affine)
    # PyTorch has one flag for γ and β; Keras's center or scale alone drops one of them.
    for name in spec["drop"]:
        module.register_parameter(name, None)
    return module

count = lambda module: sum(p.numel() for p in module.parameters())
scope = {"nn": nn, "torch": torch, "ChannelsLast": ChannelsLast, "ChannelsFirst": ChannelsFirst}
out = []
with torch.no_grad():
    for net in json.load(sys.stdin):
        layers = []
        for layer in net:
            try:
                ours = [eval(text, scope) for text in layer["modules"]]
                result = {"ours": sum(count(m) for m in ours), "reference": count(reference(layer["reference"]))}
                if layer["forward"]:
                    x = torch.zeros(2, *layer["input"])
                    for module in ours:
                        x = module.eval()(x)
                    result["shape"] = list(x.shape[1:])
            except Exception as error:
                result = {"error": repr(error)}
            layers.append(result)
        out.append(layers)
json.dump(out, sys.stdout)
`;

/** Our shape as a PyTorch tensor holds it: channels first, a flat vector unchanged. */
const torchShape = (shape: readonly number[]) =>
  shape.length === 1 ? [...shape] : [shape[shape.length - 1] ?? 1, ...shape.slice(0, -1)];

/** A Keras axis (batch = 0) as an index into our shape: `index(-1, 3) → 2`. */
const index = (axis: number, rank: number) => (axis < 0 ? axis + rank : axis - 1);

interface TorchLayer {
  modules: string[];
  input: number[];
  forward: boolean;
  reference: {
    kind: string;
    affine: boolean;
    drop: string[];
    d?: number;
    c?: number;
    groups?: number;
    shape?: number[];
  };
}

/** γ and β as PyTorch flags: both kept, neither (affine off), or one unregistered. */
const affine = (gamma: boolean, beta: boolean) => ({
  affine: gamma || beta,
  drop: gamma && beta ? [] : gamma ? ['bias'] : beta ? ['weight'] : [],
});

/** The reference PyTorch module for a layer, and whether PyTorch can run ours on its channels-first tensor. */
function torchLayer(layer: Layer, input: number[]): TorchLayer {
  const rank = input.length;
  const modules = specOf(layer).pytorch(layer, input);
  const base = { modules, input: torchShape(input) };
  switch (layer.type) {
    case 'batchNormalization': {
      const at = index(layer.axis ?? -1, rank);
      return {
        ...base,
        // PyTorch normalizes its axis 1, Keras's channels (our last axis).
        forward: at === rank - 1,
        reference: {
          kind: 'BatchNorm',
          d: rank === 4 ? 3 : rank === 3 ? 2 : 1,
          c: input[at] ?? 1,
          ...affine(layer.scale !== false, layer.center !== false),
        },
      };
    }
    case 'layerNormalization': {
      const list = layer.axis === undefined ? [-1] : typeof layer.axis === 'number' ? [layer.axis] : layer.axis;
      const axes = list.map((a) => index(a, rank)).sort((a, b) => a - b);
      const trailingFrom = (end: number) => axes.every((a, i) => a === end - axes.length + 1 + i);
      const rms = layer.rmsScaling === true;
      return {
        ...base,
        // nn.LayerNorm takes the trailing axes: ours as they are in PyTorch's layout, or after moving the channels last.
        forward: rank === 1 || axes.length === rank || trailingFrom(rank - 2) || trailingFrom(rank - 1),
        reference: {
          kind: 'LayerNorm',
          shape: axes.map((a) => input[a] ?? 1),
          ...affine(layer.scale !== false || rms, layer.center !== false && !rms),
        },
      };
    }
    case 'groupNormalization': {
      const at = index(layer.axis ?? -1, rank);
      const c = input[at] ?? 1;
      return {
        ...base,
        forward: at === rank - 1,
        reference: {
          kind: 'GroupNorm',
          c,
          groups: layer.groups === -1 ? c : (layer.groups ?? 32),
          ...affine(layer.scale !== false, layer.center !== false),
        },
      };
    }
    default:
      throw new Error(`${layer.type} has no PyTorch reference here`);
  }
}

function randomInput(random: Random): number[] {
  const channels = random.pick([1, 2, 3, 4, 6, 8, 12, 16, 32, 64]);
  switch (random.int(1, 4)) {
    case 1:
      return [channels];
    case 2:
      return [random.int(1, 6), channels];
    case 3:
      return [random.int(1, 5), random.int(1, 5), channels];
    default:
      return [random.int(1, 3), random.int(1, 3), random.int(1, 3), channels];
  }
}

/** Center and scale as a learner might write them: often left out, sometimes false. */
const flags = (random: Random) => ({
  ...(random.chance(0.25) ? { center: false } : {}),
  ...(random.chance(0.25) ? { scale: false } : {}),
});

function randomLayer(random: Random, input: number[]): Layer {
  const rank = input.length;
  const c = input[rank - 1] ?? 1;
  const axisOf = (position: number) => (random.chance(0.5) ? position : position - rank - 1);
  switch (random.pick(['batchNormalization', 'layerNormalization', 'groupNormalization'] as const)) {
    case 'batchNormalization':
      return {
        type: 'batchNormalization',
        ...(random.chance(0.7) ? {} : { axis: axisOf(random.int(1, rank)) }),
        ...flags(random),
      };
    case 'layerNormalization': {
      const positions = Array.from({ length: rank }, (_, i) => i + 1).filter(() => random.chance(0.5));
      const axis =
        random.chance(0.3) || positions.length === 0
          ? {}
          : positions.length === 1 && random.chance(0.5)
            ? { axis: axisOf(positions[0] ?? 1) }
            : { axis: positions.map(axisOf) };
      return {
        type: 'layerNormalization',
        ...axis,
        ...flags(random),
        ...(random.chance(0.1) ? { rmsScaling: true } : {}),
      };
    }
    case 'groupNormalization': {
      const divisors = Array.from({ length: c }, (_, i) => i + 1).filter((g) => c % g === 0);
      const groups =
        c % 32 === 0 && random.chance(0.3) ? {} : { groups: random.chance(0.15) ? -1 : random.pick(divisors) };
      return { type: 'groupNormalization', ...groups, ...flags(random) };
    }
  }
}

interface Case {
  network: Network;
  report: NetworkReport;
  layers: TorchLayer[];
}

const cases: Case[] = Array.from({ length: NETWORKS }, (_, n) => {
  const random = createRandom(`torch-normalization-${n}`);
  const input = randomInput(random);
  const network = Network.parse({
    input,
    layers: Array.from({ length: random.int(1, 4) }, () => randomLayer(random, input)),
  });
  const report = analyzeNetwork(network, 'pytorch');
  if (!report.ok) throw new Error(`network ${n}: ${JSON.stringify(report.error)}`);
  // Normalizations keep the shape, so every layer sees the network's input.
  return { network, report: report.value, layers: network.layers.map((layer) => torchLayer(layer, input)) };
});

function runTorch(): { ours?: number; reference?: number; shape?: number[]; error?: string }[][] {
  const run = spawnSync(PYTHON, ['-c', RUNNER], {
    input: JSON.stringify(cases.map((c) => c.layers)),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('batch, layer and group normalization counted by the engine (PyTorch rules) and by real PyTorch', () => {
  test.skipIf(torchMissing)(
    `gives PyTorch's count of its own modules and of nn.BatchNorm1d/2d/3d, nn.LayerNorm and nn.GroupNorm on ${NETWORKS} networks`,
    () => {
      const results = runTorch();
      const failures: unknown[] = [];
      const seen = new Map<string, number>();
      let forwarded = 0;
      cases.forEach(({ network, report, layers }, n) => {
        layers.forEach((torch, i) => {
          const layer = network.layers[i] as Layer;
          const ours = report.layers[i];
          const theirs = results[n]?.[i];
          const tag = `${layer.type} rank ${network.input.length}`;
          seen.set(tag, (seen.get(tag) ?? 0) + 1);
          const where = { network: n, layer: i, options: layer, input: network.input, modules: torch.modules };
          if (!theirs || theirs.error !== undefined) {
            failures.push({ ...where, error: theirs?.error });
            return;
          }
          if (theirs.ours !== ours?.params || theirs.reference !== ours?.params) {
            failures.push({ ...where, engine: ours?.params, modules: theirs.ours, reference: theirs.reference });
          }
          if (torch.forward) {
            forwarded++;
            if (JSON.stringify(theirs.shape) !== JSON.stringify(torch.input)) {
              failures.push({ ...where, shape: theirs.shape, expected: torch.input });
            }
          }
        });
      });
      const compared = [...seen.values()].reduce((a, b) => a + b, 0);
      console.log(`${NETWORKS} networks, ${compared} layers counted by PyTorch, ${forwarded} also run forward`);
      expect(failures).toEqual([]);
      // Every type on every rank, many times; most layers also ran forward in PyTorch.
      for (const type of ['batchNormalization', 'layerNormalization', 'groupNormalization']) {
        for (const rank of [1, 2, 3, 4])
          expect(seen.get(`${type} rank ${rank}`) ?? 0, `${type} rank ${rank}`).toBeGreaterThan(20);
      }
      expect(forwarded).toBeGreaterThan(300);
    },
    120_000,
  );
});
