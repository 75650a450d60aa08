import { analyzeNetwork } from '../../src/domain/analyze-network';
import type { Random } from '../../src/domain/random';
import type { Layer, Network } from '../../src/domain/schema/network';

/**
 * Random networks that branch and merge, valid by construction: residual blocks (identity and
 * 1×1 projection shortcuts, with add, subtract, average, maximum or minimum), inception-style
 * branches joined by concatenate, squeeze-and-excitation gates (multiply with broadcasting),
 * shared layers (reuse) and nested models, some frozen, some called twice, and a second model
 * input merged into the head. Shapes are read back from the engine as the network grows;
 * whether they are right is what the differential test checks against TensorFlow.js.
 */
export function randomGraph(r: Random): Network {
  const size = r.int(6, 16);
  const g = new GraphBuilder([size, size, r.int(1, 6)]);
  const blocks = r.int(1, 4);
  for (let b = 0; b < blocks; b++) {
    r.pick([residual, inception, squeeze, shared, nested, plain])(g, r);
  }
  head(g, r);
  return g.network();
}

type Block = (g: GraphBuilder, r: Random) => void;

class GraphBuilder {
  readonly layers: Layer[] = [];
  private count = 0;
  /** The tensor the next block starts from. */
  current = 'input';
  constructor(readonly input: number[]) {}

  /** Adds a named layer taking `inputs` (default: the current tensor) and returns its name. */
  add(layer: Layer, inputs: string[] = [this.current]): string {
    const name = `n${this.count++}`;
    this.layers.push({ ...layer, name, inputs } as Layer);
    this.current = name;
    return name;
  }

  shapeOf(name: string): number[] {
    if (name === 'input') return this.input;
    const report = analyzeNetwork({ input: this.input, layers: this.layers });
    if (!report.ok) throw new Error(`random graph went wrong: ${JSON.stringify(report.error)}`);
    const at = report.value.layers.find((l) => l.name === name);
    if (!at) throw new Error(`no layer ${name}`);
    return at.outputShape;
  }

  network(): Network {
    return { input: this.input, layers: this.layers };
  }
}

const channels = (g: GraphBuilder, name: string) => g.shapeOf(name).at(-1) ?? 1;

const conv = (r: Random, filters: number, kernel = r.pick([1, 3]), strides = 1): Layer => ({
  type: 'conv2d',
  filters,
  kernelSize: kernel,
  padding: 'same',
  ...(strides > 1 && { strides }),
  ...(r.chance(0.3) && { useBias: false }),
});

const plain: Block = (g, r) => {
  g.add(conv(r, r.int(2, 8)));
  if (r.chance(0.5)) g.add({ type: 'batchNormalization', ...(r.chance(0.2) && { trainable: false }) });
  g.add({ type: 'reLU' });
  if (r.chance(0.3) && Math.min(...g.shapeOf(g.current).slice(0, 2)) >= 4) g.add({ type: 'maxPooling2d' });
};

const residual: Block = (g, r) => {
  const x = g.current;
  const c = channels(g, x);
  const project = r.chance(0.4);
  const out = project ? r.int(2, 8) : c;
  const strides = project && Math.min(...g.shapeOf(x).slice(0, 2)) >= 4 && r.chance(0.5) ? 2 : 1;
  g.add(conv(r, r.int(2, 8), 3, strides), [x]);
  g.add({ type: 'batchNormalization' });
  g.add({ type: 'reLU' });
  const main = g.add(conv(r, out, 3));
  const shortcut = project ? g.add(conv(r, out, 1, strides), [x]) : x;
  const merge = r.pick(['add', 'add', 'subtract', 'average', 'maximum', 'minimum'] as const);
  g.add({ type: merge }, [main, shortcut]);
};

const inception: Block = (g, r) => {
  const x = g.current;
  const branches: string[] = [];
  for (let b = 0, n = r.int(2, 4); b < n; b++) {
    if (r.chance(0.3)) {
      g.add({ type: 'maxPooling2d', poolSize: 3, strides: 1, padding: 'same' }, [x]);
      branches.push(g.add(conv(r, r.int(1, 4), 1)));
    } else {
      branches.push(g.add(conv(r, r.int(1, 6), r.pick([1, 3])), [x]));
    }
  }
  g.add({ type: 'concatenate' }, branches);
};

const squeeze: Block = (g, r) => {
  const x = g.current;
  const c = channels(g, x);
  g.add({ type: 'globalAveragePooling2d' }, [x]);
  g.add({ type: 'dense', units: r.int(1, 4), activation: 'relu' });
  g.add({ type: 'dense', units: c, activation: 'sigmoid' });
  const gate = g.add({ type: 'reshape', targetShape: [1, 1, c] });
  g.add({ type: 'multiply' }, r.chance(0.5) ? [x, gate] : [gate, x]);
};

const shared: Block = (g, r) => {
  const x = g.current;
  const other = g.add({ type: r.pick(['reLU', 'batchNormalization'] as const) }, [x]);
  const layer = g.add(conv(r, r.int(2, 6), r.pick([1, 3])), [x]);
  const again = g.add({ type: 'reuse', layer }, [other]);
  g.add({ type: 'add' }, [layer, again]);
};

const nested: Block = (g, r) => {
  const inner: Layer[] = [conv(r, r.int(2, 6)), { type: 'batchNormalization' }];
  if (r.chance(0.5)) {
    // A residual block inside the nested model, named in its own scope.
    inner.push({ type: 'reLU', name: 'a' }, { ...conv(r, r.int(2, 6)), name: 'b' } as Layer);
    inner.push({ type: 'conv2d', filters: 3, kernelSize: 1, name: 'c', inputs: ['a'] });
    inner.push({ type: 'concatenate', inputs: ['b', 'c'] });
  }
  const x = g.current;
  const model = g.add({ type: 'model', layers: inner, ...(r.chance(0.5) && { trainable: false }) }, [x]);
  if (r.chance(0.4)) {
    // Called again (a siamese pair): its weights count once.
    const other = g.add({ type: 'reLU' }, [x]);
    const again = g.add({ type: 'reuse', layer: model }, [other]);
    g.add({ type: 'concatenate' }, [model, again]);
  }
};

function head(g: GraphBuilder, r: Random): void {
  g.add(r.chance(0.5) ? { type: 'globalAveragePooling2d' } : { type: 'flatten' });
  if (r.chance(0.3)) {
    // A second model input, such as measurements beside the image, joined before the classifier.
    const features = g.current;
    const extra = 'extra';
    g.layers.push({ type: 'input', name: extra, shape: [r.int(1, 8)] });
    const embedded = g.add({ type: 'dense', units: r.int(1, 6) }, [extra]);
    g.add({ type: 'concatenate' }, [features, embedded]);
  }
  g.add({ type: 'dense', units: r.int(1, 10) });
}
