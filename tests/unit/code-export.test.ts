import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { analyzeNetwork, type NetworkReport } from '../../src/domain/analyze-network';
import { kerasSnippet, pytorchSnippet } from '../../src/domain/code-export';
import { createRandom } from '../../src/domain/random';
import { Network } from '../../src/domain/schema/network';
import { randomNetwork } from '../support/random-network';
import { TEXTBOOK_NETWORK } from '../../src/domain/textbook-network';

function reports(network: Network): { keras: NetworkReport; pytorch: NetworkReport } {
  const keras = analyzeNetwork(network);
  const pytorch = analyzeNetwork(network, 'pytorch');
  if (!keras.ok || !pytorch.ok) throw new Error('test networks are valid');
  return { keras: keras.value, pytorch: pytorch.value };
}

/** A Python literal as our snippets write them (ints, floats, "strings", tuples, booleans) read as JSON. */
const pythonLiteral = (text: string): unknown =>
  JSON.parse(text.replaceAll('(', '[').replaceAll(')', ']').replaceAll('True', 'true').replaceAll('False', 'false'));

/** Splits on the commas that are not inside parentheses: `a=1, b=(2, 3)` → `['a=1', 'b=(2, 3)']`. */
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
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    current += char;
  }
  return [...parts, current].map((p) => p.trim()).filter(Boolean);
}

/** Reads `layers.Conv2D(filters=2, kernel_size=(3, 3))` lines back into class names and keyword arguments. */
function readKerasSnippet(snippet: string) {
  const shape = /keras\.Input\(shape=(\(.*\))\)/.exec(snippet)?.[1];
  const layers = [...snippet.matchAll(/^ {4}layers\.(\w+)\((.*)\),$/gm)].map(([, name, args]) => {
    const kwargs: Record<string, unknown> = {};
    for (const part of splitTopLevel(args ?? '')) {
      const [key, value] = part.split('=') as [string, string];
      kwargs[key.trim()] = pythonLiteral(value.trim());
    }
    return { name: name ?? '', kwargs };
  });
  return { shape: pythonLiteral(shape ?? '[]') as number[], layers };
}

const camel = (key: string) => key.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** Builds what the Keras snippet says in TensorFlow.js (same layer classes, same arguments). */
function buildFromKerasSnippet(snippet: string): tf.Sequential {
  const { shape, layers } = readKerasSnippet(snippet);
  const model = tf.sequential();
  layers.forEach(({ name, kwargs }, i) => {
    const factory = name.charAt(0).toLowerCase() + name.slice(1).replace('2D', '2d');
    const config: Record<string, unknown> = Object.fromEntries(Object.entries(kwargs).map(([k, v]) => [camel(k), v]));
    if (i === 0) config['inputShape'] = shape;
    const make = (tf.layers as unknown as Record<string, (c: unknown) => tf.layers.Layer>)[factory];
    if (!make) throw new Error(`no tfjs layer for ${name}`);
    model.add(make(config));
  });
  return model;
}

const textbook = Network.parse(TEXTBOOK_NETWORK);

describe('kerasSnippet', () => {
  test('writes the textbook network as Keras layers and names the total', () => {
    const snippet = kerasSnippet(textbook, reports(textbook).keras);
    expect(snippet).toContain('keras.Input(shape=(20, 20, 3))');
    expect(snippet).toContain('layers.Conv2D(filters=2, kernel_size=(3, 3), padding="same")');
    expect(snippet).toContain('layers.Dense(units=2)');
    expect(snippet).toContain('# Total params: 2,515');
  });

  test('rebuilt in TensorFlow.js from its own text, gives our counts on 60 random networks', async () => {
    await tf.setBackend('cpu');
    for (let seed = 0; seed < 60; seed++) {
      const network = randomNetwork(createRandom(`code-export-${seed}`), { tfjsComparable: true });
      const { keras } = reports(network);
      const model = buildFromKerasSnippet(kerasSnippet(network, keras));
      try {
        expect(model.layers.map((l) => l.countParams())).toEqual(keras.layers.map((l) => l.params));
      } finally {
        model.dispose();
      }
    }
  });
});

/** Parameters of the PyTorch modules a snippet lists, by PyTorch's own formulas. */
function countPytorchSnippet(snippet: string): number {
  let total = 0;
  for (const [, name, args = ''] of snippet.matchAll(/^ {4}nn\.(\w+)\((.*)\),/gm)) {
    const numbers = args.split(',').map((a) => a.trim());
    const bias = !args.includes('bias=False');
    const kernel = /kernel_size=\((\d+), (\d+)\)/.exec(args);
    const kk = kernel ? Number(kernel[1]) * Number(kernel[2]) : Number(/kernel_size=(\d+)/.exec(args)?.[1] ?? 1);
    const groups = Number(/groups=(\d+)/.exec(args)?.[1] ?? 1);
    const [a = 0, b = 0] = numbers.slice(0, 2).map(Number);
    if (name === 'Conv2d') total += (a / groups) * b * kk + (bias ? b : 0); // weight [out, in/groups, kh, kw]
    if (name === 'ConvTranspose2d') total += a * b * kk + (bias ? b : 0); // weight [in, out, kh, kw]
    if (name === 'Linear') total += a * b + (bias ? b : 0);
    if (name === 'BatchNorm2d' || name === 'BatchNorm1d') total += 2 * a; // weight and bias; running stats are buffers
  }
  return total;
}

describe('pytorchSnippet', () => {
  test('counts what our PyTorch convention counts on 300 random networks', () => {
    for (let seed = 0; seed < 300; seed++) {
      const network = randomNetwork(createRandom(`pytorch-export-${seed}`));
      const { keras, pytorch } = reports(network);
      expect(countPytorchSnippet(pytorchSnippet(network, keras, pytorch))).toBe(pytorch.totals.params);
    }
  });

  test('says when PyTorch and Keras totals differ because of batch normalization', () => {
    const network = Network.parse({ input: [8, 8, 64], layers: [{ type: 'batchNormalization' }] });
    const { keras, pytorch } = reports(network);
    const snippet = pytorchSnippet(network, keras, pytorch);
    expect(snippet).toContain('nn.BatchNorm2d(64');
    expect(snippet).toContain("# 128 by PyTorch's rules (Keras: 256");
  });

  test('permutes to channels last around a dense layer on a 3-D tensor, as Keras applies it', () => {
    const network = Network.parse({ input: [5, 4, 3], layers: [{ type: 'dense', units: 10 }] });
    const { keras, pytorch } = reports(network);
    expect(pytorchSnippet(network, keras, pytorch)).toMatch(
      /ChannelsLast\(\),.*\n.*nn\.Linear\(3, 10\),.*\n.*ChannelsFirst\(\)/,
    );
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

describe('snippets are valid Python', () => {
  test.skipIf(!hasPython())('python3 parses both snippets of 50 random networks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'snippets-'));
    const files: string[] = [];
    for (let seed = 0; seed < 50; seed++) {
      const network = randomNetwork(createRandom(`python-${seed}`));
      const { keras, pytorch } = reports(network);
      for (const [kind, text] of [
        ['keras', kerasSnippet(network, keras)],
        ['torch', pytorchSnippet(network, keras, pytorch)],
      ]) {
        const file = join(dir, `${kind}-${seed}.py`);
        writeFileSync(file, text ?? '');
        files.push(file);
      }
    }
    const script =
      'import ast, sys\nfor f in sys.argv[1:]:\n    ast.parse(open(f).read(), f)\nprint(len(sys.argv) - 1)';
    expect(execFileSync('python3', ['-c', script, ...files], { encoding: 'utf8' }).trim()).toBe(String(files.length));
  });
});

describe('code for networks that branch', () => {
  // A residual block: conv → conv, added to the input; the second conv is called again on the sum.
  const residual: Network = {
    input: [8, 8, 4],
    layers: [
      { type: 'conv2d', name: 'a', filters: 4, kernelSize: 3, padding: 'same' },
      { type: 'add', name: 'sum', inputs: ['input', 'a'] },
      { type: 'reuse', layer: 'a', inputs: ['sum'] },
      { type: 'model', name: 'head', trainable: false, layers: [{ type: 'flatten' }, { type: 'dense', units: 2 }] },
    ],
  };
  const keras = analyzeNetwork(residual);
  const pytorch = analyzeNetwork(residual, 'pytorch');
  if (!keras.ok || !pytorch.ok) throw new Error('the residual example must count');

  test('Keras: the functional API, a shared layer kept as an object, a nested model built by its own function', () => {
    const code = kerasSnippet(residual, keras.value);
    expect(code).toContain('inputs = keras.Input(shape=(8, 8, 4))');
    expect(code).toContain('layer0 = layers.Conv2D(filters=4, kernel_size=(3, 3), padding="same", name="a")');
    expect(code).toContain('t1 = layers.Add(name="sum")([inputs, t0])');
    expect(code).toContain('t2 = layer0(t1)  # shared: the same weights');
    expect(code).toContain('def build_model3():');
    expect(code).toContain('layer3.trainable = False');
    expect(code).toContain('model = keras.Model(inputs=inputs, outputs=t3)');
    // 4 × (4 × 3×3) + 4 = 148 once; 256 × 2 + 2 = 514 frozen: 662.
    expect(code).toContain('Total params: 662');
  });

  test('PyTorch: a module whose forward follows the graph, the shared conv called twice', () => {
    const code = pytorchSnippet(residual, keras.value, pytorch.value);
    expect(code).toContain('class Net_3(nn.Module):');
    expect(code).toContain('t1 = x + t0');
    expect(code).toContain('t2 = self.l0(t1)');
    expect(code).toContain('self.l3.requires_grad_(False)');
  });
});
