import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { importPytorchModel } from '../../src/domain/pytorch-import';
import { COUNTED_CLASSES } from '../../src/domain/pytorch/torch-classes';

// Debian's python has PyTorch; the python first on PATH may not.
const PYTHON = '/usr/bin/python3';
const torchMissing = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { encoding: 'utf8' }).status !== 0;
if (torchMissing) console.warn(`PyTorch print(model) differential test skipped: ${PYTHON} cannot import torch`);

const MODELS = 400;
const GENERATOR = fileURLToPath(new URL('../support/pytorch-random-modules.py', import.meta.url));

/** One random model as the generator prints and counts it in PyTorch. */
interface TorchModel {
  text: string;
  compact: boolean;
  /** `[path, sum(p.numel() for p in module.parameters())]` in `named_modules()` order. */
  modules: [string, number][];
  /** Parameters custom containers hold themselves, which print(model) cannot show. */
  hidden: Record<string, number>;
  classes: Record<string, number>;
}

interface Failure {
  model: number;
  path?: string;
  what: string;
  ours?: unknown;
  torch?: unknown;
}

/** PyTorch's count less what print(model) cannot show: the hidden parameters at or below `path`. */
function visible(model: TorchModel, path: string, count: number): number {
  const hidden = Object.entries(model.hidden)
    .filter(([at]) => path === '' || at === path || at.startsWith(`${path}.`))
    .reduce((sum, [, n]) => sum + n, 0);
  return count - hidden;
}

describe.skipIf(torchMissing)('print(model) of random nested torch.nn models, counted against PyTorch', () => {
  const failures: Failure[] = [];
  const classes = new Map<string, number>();
  let compared = 0;
  let compact = 0;
  let hidden = 0;

  beforeAll(() => {
    const run = spawnSync(PYTHON, [GENERATOR, String(MODELS), 'pytorch-print'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`python failed: ${run.stderr}`);
    const models = JSON.parse(run.stdout) as TorchModel[];
    models.forEach((model, n) => {
      for (const [name, count] of Object.entries(model.classes)) classes.set(name, (classes.get(name) ?? 0) + count);
      if (model.compact && / x [A-Za-z_]/.test(model.text)) compact++;
      hidden += Object.keys(model.hidden).length;
      const result = importPytorchModel(model.text);
      if (!result.ok) {
        failures.push({ model: n, what: 'refused', ours: result.error.slice(0, 3), torch: model.text.slice(0, 400) });
        return;
      }
      const ours = new Map(result.value.modules.map((m) => [m.path, Number(m.params)]));
      const paths = model.modules.map(([path]) => path);
      if (JSON.stringify([...ours.keys()]) !== JSON.stringify(paths)) {
        failures.push({
          model: n,
          what: 'module paths in named_modules() order',
          ours: [...ours.keys()],
          torch: paths,
        });
      }
      for (const [path, count] of model.modules) {
        compared++;
        if (ours.get(path) !== visible(model, path, count)) {
          failures.push({ model: n, path, what: 'count', ours: ours.get(path), torch: count });
        }
      }
      const total = model.modules[0]?.[1] ?? 0;
      if (Number(result.value.total) !== visible(model, '', total)) {
        failures.push({ model: n, what: 'total', ours: Number(result.value.total), torch: total });
      }
    });
  }, 120_000);

  test(`reads every one of ${MODELS} printed models, with their modules in named_modules() order`, () => {
    expect(failures.filter((f) => f.what !== 'count' && f.what !== 'total').slice(0, 3)).toEqual([]);
  });

  test("gives every module PyTorch's count, less only what a custom container holds itself", () => {
    expect(compared).toBeGreaterThan(MODELS * 10);
    expect(failures.filter((f) => f.what === 'count' || f.what === 'total').slice(0, 5)).toEqual([]);
  });

  test('exercises every class counted from its arguments, repeated-block lines and hidden parameters', () => {
    // RMSNorm came in PyTorch 2.4, after Debian's 1.13: tests/unit/pytorch-import.test.ts checks it by hand.
    const rare = [...COUNTED_CLASSES.keys()]
      .filter((name) => name !== 'RMSNorm' && (classes.get(name) ?? 0) < 10)
      .map((name) => `${name}: ${classes.get(name) ?? 0}`);
    expect(rare).toEqual([]);
    for (const name of ['ParameterList', 'ParameterDict', 'MultiheadAttention', 'ModuleDict']) {
      expect(classes.get(name) ?? 0, name).toBeGreaterThanOrEqual(10);
    }
    expect(compact).toBeGreaterThanOrEqual(20);
    expect(hidden).toBeGreaterThanOrEqual(20);
  });
});
