import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { kerasSnippet, pytorchSnippet } from '../../src/domain/code-export';
import { generateNetwork } from '../../src/domain/quiz-generator';
import { createRandom } from '../../src/domain/random';
import { Network } from '../../src/domain/schema/network';
import { parsePythonCall } from '../support/python-call';
import { randomGraph } from '../support/random-graph';
import { tfjsFactory } from '../support/tfjs-graph';

function reports(network: Network): { keras: NetworkReport; pytorch: NetworkReport } {
  const keras = analyzeNetwork(network);
  const pytorch = analyzeNetwork(network, 'pytorch');
  if (!keras.ok || !pytorch.ok) throw new Error('test networks are valid');
  return { keras: keras.value, pytorch: pytorch.value };
}

const LEVEL_5 = Array.from({ length: 40 }, (_, i) => generateNetwork(2, 5, `code-${i}`));
const GRAPHS = Array.from({ length: 60 }, (_, i) => Network.parse(randomGraph(createRandom(`code-graph-${i}`))));

/** Splits on the commas that are not inside brackets: `x1, [x2, x3]` → `['x1', '[x2, x3]']`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
      continue;
    }
    if ('(['.includes(char)) depth += 1;
    if (')]'.includes(char)) depth -= 1;
    current += char;
  }
  return [...parts, current].map((p) => p.trim()).filter(Boolean);
}

const camel = (key: string) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
/** Keyword arguments as tfjs takes them: `shape=(8, 8, 2), name="x"` → `{ shape: [8, 8, 2], name: 'x' }`. */
const kwargs = (args: string) =>
  Object.fromEntries(Object.entries(parsePythonCall(`f(${args})`).kwargs).map(([k, v]) => [camel(k), v]));

type Value = tf.SymbolicTensor | tf.layers.Layer | tf.LayersModel;

/**
 * Runs a functional Keras snippet in TensorFlow.js, line by line: the few statement forms our
 * writer uses (Input, a layer called on tensors, a layer kept to call again, Model, trainable = False).
 */
function runKerasSnippet(snippet: string): tf.LayersModel {
  const scope = new Map<string, Value>();
  const get = <T extends Value>(name: string) => {
    const value = scope.get(name.trim());
    if (!value) throw new Error(`snippet uses ${name} before defining it`);
    return value as T;
  };
  const tensors = (text: string) =>
    text.startsWith('[')
      ? splitTopLevel(text.slice(1, -1)).map((n) => get<tf.SymbolicTensor>(n))
      : get<tf.SymbolicTensor>(text);
  const layer = (cls: string, args: string) => {
    const make = tfjsFactory(cls);
    if (!make) throw new Error(`no tfjs layer for ${cls}`);
    return make(kwargs(args));
  };
  let model: tf.LayersModel | undefined;
  for (const raw of snippet.split('\n')) {
    const line = raw.replace(/ {2}#.*$/, '').trim();
    if (line === '' || line.startsWith('#') || line.startsWith('import') || line.startsWith('from')) continue;
    if (line.startsWith('model.summary')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^(\w+)\.trainable = False$/.exec(line))) {
      get<tf.layers.Layer>(m[1] ?? '').trainable = false;
    } else if ((m = /^(\w+) = keras\.Input\((.*)\)$/.exec(line))) {
      scope.set(m[1] ?? '', tf.input(kwargs(m[2] ?? '') as Parameters<typeof tf.input>[0]));
    } else if ((m = /^(\w+) = keras\.Model\((.*)\)$/.exec(line))) {
      const [inputs = '', outputs = '', ...rest] = splitTopLevel(m[2] ?? '');
      const built = tf.model({ inputs: tensors(inputs), outputs: tensors(outputs), ...kwargs(rest.join(', ')) });
      scope.set(m[1] ?? '', built);
      if (m[1] === 'model') model = built;
    } else if ((m = /^(\w+) = layers\.(\w+)\((.*)\)\((.*)\)$/.exec(line))) {
      scope.set(m[1] ?? '', layer(m[2] ?? '', m[3] ?? '').apply(tensors(m[4] ?? '')) as tf.SymbolicTensor);
    } else if ((m = /^(\w+) = layers\.(\w+)\((.*)\)$/.exec(line))) {
      scope.set(m[1] ?? '', layer(m[2] ?? '', m[3] ?? ''));
    } else if ((m = /^(\w+) = (\w+)\((.*)\)$/.exec(line))) {
      scope.set(m[1] ?? '', get<tf.layers.Layer>(m[2] ?? '').apply(tensors(m[3] ?? '')) as tf.SymbolicTensor);
    } else {
      throw new Error(`the test cannot run this line: ${line}`);
    }
  }
  if (!model) throw new Error('the snippet builds no model');
  return model;
}

const trainableOf = (model: tf.LayersModel) =>
  model.trainableWeights.reduce((sum, w) => sum + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);

describe('kerasSnippet, for networks that branch', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  test('writes level 5 networks with the functional API: merges called on the layers they name', () => {
    // generateNetwork(2, 5, 'c'): a residual block with a projection shortcut on relu1 (layer 2).
    const network = generateNetwork(2, 5, 'c');
    const snippet = kerasSnippet(network, reports(network).keras);
    expect(snippet).toContain('inputs = keras.Input(shape=(8, 8, 2))');
    expect(snippet).toContain(
      'x6 = layers.Conv2D(filters=12, kernel_size=(1, 1), padding="same", name="shortcut")(x2)',
    );
    expect(snippet).toContain('x7 = layers.Add(name="add1")([x5, x6])');
    expect(snippet).toContain('model = keras.Model(inputs, x9)');
    expect(snippet).not.toContain('Sequential');
  });

  test('rebuilt in TensorFlow.js from its own text, gives our totals on level 5 and random graph networks', () => {
    for (const network of [...LEVEL_5, ...GRAPHS]) {
      const { keras } = reports(network);
      const model = runKerasSnippet(kerasSnippet(network, keras));
      try {
        // tfjs counts a shared layer once and a frozen model's weights as non-trainable, as Keras does.
        expect(model.countParams()).toBe(keras.totals.params);
        expect(trainableOf(model)).toBe(keras.totals.trainable);
        const last = keras.layers.at(-1)?.outputShape;
        expect((model.outputs[0]?.shape ?? []).slice(1)).toEqual(last);
      } finally {
        model.dispose();
      }
    }
  });

  test('writes a shared layer once and calls it twice, and a frozen nested model before its call', () => {
    const network = Network.parse({
      input: [8, 8, 3],
      layers: [
        { type: 'model', name: 'base', trainable: false, layers: [{ type: 'conv2d', filters: 4, kernelSize: 3 }] },
        { type: 'conv2d', name: 'shared', filters: 4, kernelSize: 1, inputs: ['base'] },
        { type: 'reuse', layer: 'shared', inputs: ['shared'] },
      ],
    });
    const snippet = kerasSnippet(network, reports(network).keras);
    expect(snippet).toContain('m1_model = keras.Model(m1_inputs, m1_x1, name="base")\nm1_model.trainable = False');
    expect(snippet).toContain('layer2 = layers.Conv2D(filters=4, kernel_size=(1, 1), name="shared")\nx2 = layer2(x1)');
    expect(snippet).toContain('x3 = layer2(x2)');
  });
});

/** Parameters of the PyTorch modules a snippet builds, by PyTorch's own formulas (a shared module is written once). */
function countTorchModules(snippet: string): number {
  let total = 0;
  for (const [, name, args = ''] of snippet.matchAll(
    /nn\.(Conv2d|Linear|BatchNorm2d|BatchNorm1d)\(([^()]*(?:\([^()]*\)[^()]*)*)\)/g,
  )) {
    const [a = 0, b = 0] = args
      .split(',')
      .slice(0, 2)
      .map((x) => Number(x.trim()));
    const bias = !args.includes('bias=False');
    const kernel = /kernel_size=\((\d+), (\d+)\)/.exec(args);
    const kk = kernel ? Number(kernel[1]) * Number(kernel[2]) : 1;
    if (name === 'Conv2d') total += a * b * kk + (bias ? b : 0); // weight [out, in, kh, kw]
    if (name === 'Linear') total += a * b + (bias ? b : 0);
    if (name?.startsWith('BatchNorm')) total += 2 * a; // weight and bias; running statistics are buffers
  }
  return total;
}

describe('pytorchSnippet, for networks that branch', () => {
  test('writes a module whose forward follows the graph: a shortcut on an earlier tensor, an add, a cat', () => {
    const residual = generateNetwork(2, 5, 'c');
    const r = reports(residual);
    const snippet = pytorchSnippet(residual, r.keras, r.pytorch);
    expect(snippet).toContain('class Net(nn.Module):');
    expect(snippet).toContain('x6 = self.layer6(x2)');
    expect(snippet).toContain('x7 = x5 + x6  # layer 7: add');
    // generateNetwork(2, 5, 'a'): an inception block, its three branches joined along PyTorch's channel dim.
    const inception = generateNetwork(2, 5, 'a');
    const i = reports(inception);
    expect(pytorchSnippet(inception, i.keras, i.pytorch)).toContain('x9 = torch.cat([x5, x6, x8], dim=1)');
  });

  test('builds modules that count what our PyTorch convention counts, on level 5 networks', () => {
    for (const network of LEVEL_5) {
      const { keras, pytorch } = reports(network);
      expect(countTorchModules(pytorchSnippet(network, keras, pytorch))).toBe(pytorch.totals.params);
    }
  });
});

function hasPython(): boolean {
  try {
    execFileSync('python3', ['--version']);
    return true;
  } catch {
    return false;
  }
}

describe('graph snippets are valid Python', () => {
  test.skipIf(!hasPython())('python3 parses both snippets of level 5 and random graph networks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'graph-snippets-'));
    const files: string[] = [];
    for (const [n, network] of [...LEVEL_5, ...GRAPHS].entries()) {
      const { keras, pytorch } = reports(network);
      for (const [kind, text] of [
        ['keras', kerasSnippet(network, keras)],
        ['torch', pytorchSnippet(network, keras, pytorch)],
      ] as const) {
        const file = join(dir, `${kind}-${n}.py`);
        writeFileSync(file, text);
        files.push(file);
      }
    }
    const script =
      'import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f).read(), f)\nprint(len(sys.argv) - 1)';
    expect(execFileSync('python3', ['-c', script, ...files], { encoding: 'utf8' }).trim()).toBe(String(files.length));
  });
});
