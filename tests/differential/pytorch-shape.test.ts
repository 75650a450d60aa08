import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork } from '../../src/domain/analyze-network';
import { pytorchSnippet } from '../../src/domain/code-export';
import { specOf } from '../../src/domain/layers';
import { channelsFirst } from '../../src/domain/layers/internal/torch';
import { createRandom } from '../../src/domain/random';
import type { Layer, Network } from '../../src/domain/schema/network';
import { randomShapeNetwork, shapeFeatures, shapeTypes } from '../support/random-shape-network';

// Debian's python has PyTorch; the python first on PATH may not.
const PYTHON = '/usr/bin/python3';
const torchMissing = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' }).status !== 0;
if (torchMissing) console.warn(`PyTorch shape differential test skipped: ${PYTHON} cannot import torch`);

const NETWORKS = 1000;

/**
 * Runs each network's whole exported PyTorch script (what a learner copies) in one python process,
 * then feeds a batch of one zero tensor through the model's modules, layer by layer, and reports the
 * shape after each layer, the script's printed output and its parameter count.
 */
const RUNNER = `
import contextlib, io, json, sys, torch
from torch import nn
out = []
for net in json.load(sys.stdin):
    try:
        printed = io.StringIO()
        scope = {}
        with contextlib.redirect_stdout(printed):
            exec(compile(net["script"], "snippet.py", "exec"), scope)
        model = scope["model"]
        modules = list(model.children())
        x = torch.zeros(1, *net["input"])
        shapes, at = [], 0
        with torch.no_grad():
            for count in net["counts"]:
                for module in modules[at:at + count]:
                    x = module(x)
                at += count
                shapes.append(list(x.shape[1:]))
        out.append({
            "shapes": shapes,
            "modules": len(modules),
            "printed": printed.getvalue().splitlines(),
            "params": sum(p.numel() for p in model.parameters()),
        })
    except Exception as error:
        out.append({"error": repr(error)})
json.dump(out, sys.stdout)
`;

interface TorchResult {
  shapes?: number[][];
  modules?: number;
  printed?: string[];
  params?: number;
  error?: string;
}

interface Failure {
  seed: string;
  layer?: number;
  type?: string;
  what: string;
  ours?: unknown;
  torch?: unknown;
}

/** Types whose PyTorch code the brief asks for, and the option forms worth seeing, each at least 10 times. */
const REQUIRED_FEATURES = [
  ...shapeTypes('pytorch'),
  'reshape with -1',
  ...[1, 2, 3, 4].map((r) => `reshape to rank ${r}`),
  ...[1, 2, 3, 4].map((r) => `permute rank ${r}`),
  'upSampling2d bilinear',
  'upSampling2d bicubic',
  'upSampling2d lanczos3',
  ...['default', 'n'].map((f) => `upSampling1d size ${f}`),
  ...['default', 'n', 'per axis'].map((f) => `upSampling3d size ${f}`),
  ...['zeroPadding1d padding', 'cropping1d cropping'].flatMap((o) =>
    ['default', 'n', 'per axis'].map((f) => `${o} ${f}`),
  ),
  ...['zeroPadding3d padding', 'cropping2d cropping', 'cropping3d cropping'].flatMap((o) =>
    ['default', 'n', 'per axis', '[before, after] per axis', 'mixed'].map((f) => `${o} ${f}`),
  ),
];

describe.skipIf(torchMissing)('our PyTorch code for random shape-change networks, run in real PyTorch', () => {
  const failures: Failure[] = [];
  const seen = new Map<string, number>();
  let layersCompared = 0;

  beforeAll(() => {
    const cases = Array.from({ length: NETWORKS }, (_, n) => {
      const seed = `pytorch-shape-${n}`;
      const network: Network = randomShapeNetwork(createRandom(seed), 'pytorch');
      const keras = analyzeNetwork(network);
      const pytorch = analyzeNetwork(network, 'pytorch');
      if (!keras.ok || !pytorch.ok) throw new Error(`${seed}: the engine refused a generated network`);
      // A comment line is not a module: each layer owns as many of the model's modules as it has code lines.
      const counts = network.layers.map(
        (layer, i) =>
          specOf(layer)
            .pytorch(layer, keras.value.layers[i]?.inputShape ?? [])
            .filter((line) => !line.startsWith('#')).length,
      );
      return {
        seed,
        network,
        report: pytorch.value,
        counts,
        script: pytorchSnippet(network, keras.value, pytorch.value),
      };
    });
    const run = spawnSync(PYTHON, ['-c', RUNNER], {
      input: JSON.stringify(
        cases.map((c) => ({ script: c.script, counts: c.counts, input: channelsFirst(c.network.input) })),
      ),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
    const results = JSON.parse(run.stdout) as TorchResult[];
    cases.forEach(({ seed, network, report, counts }, n) => {
      const result = results[n] ?? { error: 'no result' };
      if (result.error !== undefined) {
        failures.push({ seed, what: 'PyTorch could not run the script', torch: result.error });
        return;
      }
      const total = counts.reduce((a, b) => a + b, 0);
      if (result.modules !== total) failures.push({ seed, what: 'module count', ours: total, torch: result.modules });
      report.layers.forEach((layer, i) => {
        layersCompared++;
        const expected = channelsFirst(layer.outputShape);
        const got = result.shapes?.[i];
        if (JSON.stringify(got) !== JSON.stringify(expected)) {
          failures.push({
            seed,
            layer: i,
            type: layer.type,
            what: 'output shape (channels first)',
            ours: expected,
            torch: got,
          });
        }
        for (const tag of shapeFeatures(network.layers[i] as Layer)) seen.set(tag, (seen.get(tag) ?? 0) + 1);
      });
      const last = channelsFirst(report.layers.at(-1)?.outputShape ?? []);
      const printedShape = `torch.Size([${[1, ...last].join(', ')}])`;
      if (result.printed?.[0] !== printedShape) {
        failures.push({ seed, what: 'printed shape', ours: printedShape, torch: result.printed?.[0] });
      }
      if (result.params !== report.totals.params || result.printed?.[1] !== String(report.totals.params)) {
        failures.push({
          seed,
          what: 'parameter count',
          ours: report.totals.params,
          torch: [result.params, result.printed?.[1]],
        });
      }
    });
  });

  test(`exercises every type and option form over ${NETWORKS} networks`, () => {
    const rare = REQUIRED_FEATURES.filter((f) => (seen.get(f) ?? 0) < 10).map((f) => `${f}: ${seen.get(f) ?? 0}`);
    expect(rare).toEqual([]);
  });

  test('runs every exported script in PyTorch, one model module per code line', () => {
    expect(failures.filter((f) => f.what.startsWith('PyTorch') || f.what === 'module count').slice(0, 5)).toEqual([]);
  });

  test('gives every layer our output shape, channels first', () => {
    expect(layersCompared).toBeGreaterThan(NETWORKS);
    expect(failures.filter((f) => f.what.includes('shape')).slice(0, 10)).toEqual([]);
  });

  test('counts the parameters our PyTorch convention counts', () => {
    expect(failures.filter((f) => f.what === 'parameter count').slice(0, 5)).toEqual([]);
  });
});
