import type { LayerReport, NetworkReport } from './analyze-network';
import { specOf } from './layers';
import { TORCH_MERGES } from './layers/internal/merge';
import { tuple } from './layers/internal/python';
import { torchHelpersFor } from './layers/internal/torch-helpers';
import type { Layer, Network } from './schema/network';

const fmt = (n: number) => n.toLocaleString('en-US');

/** Keras's own keywords for every layer, added to its call: `Dense(units=2, name="head", trainable=False)`. */
function withCommon(call: string, layer: Layer): string {
  const extra = [
    ...(layer.name === undefined ? [] : [`name=${JSON.stringify(layer.name)}`]),
    ...(layer.trainable === false ? ['trainable=False'] : []),
  ];
  if (extra.length === 0) return call;
  const open = call.endsWith('()') ? '' : ', ';
  return `${call.slice(0, -1)}${open}${extra.join(', ')})`;
}

/** One Keras layer call: `Conv2D(filters=2, kernel_size=(3, 3), padding="same")`. */
function kerasLayer(layer: Layer): string {
  return withCommon(specOf(layer).keras.code(layer), layer);
}

/**
 * Whether a network must be written with the functional API rather than as a list: some layer
 * names its inputs, is a further input, calls a shared layer again or is a nested model.
 */
const isGraph = (layers: readonly Layer[]) =>
  layers.some((l) => l.inputs !== undefined || l.type === 'input' || l.type === 'reuse' || l.type === 'model');

/** A graph level as the writers walk it: the network, or a nested model. */
interface Graph {
  layers: readonly Layer[];
  inputName?: string | undefined;
  outputs?: readonly string[] | undefined;
}

/** The layers a level's outputs name (its last layer when it names none), as indexes. */
const outputIndexes = (graph: Graph) =>
  graph.outputs?.map((name) => graph.layers.findLastIndex((l) => l.name === name)) ?? [graph.layers.length - 1];

/** Python for a list of one or more tensors: `x3`, or `[x3, x5]`. */
const tensors = (names: readonly string[]) => (names.length === 1 ? (names[0] ?? '') : `[${names.join(', ')}]`);

/**
 * Keras functional-API lines that build one level into `<prefix>model`: an Input, one call per
 * layer on the tensors it takes (a shared layer is one object called twice), a nested model
 * built the same way before it is called.
 */
function kerasGraph(graph: Graph, inputShape: readonly number[], reports: readonly LayerReport[], prefix: string) {
  const v = (i: number) => (i < 0 ? `${prefix}inputs` : `${prefix}x${i + 1}`);
  const name = graph.inputName === undefined ? '' : `, name=${JSON.stringify(graph.inputName)}`;
  const lines = [`${v(-1)} = keras.Input(shape=${tuple(inputShape)}${name})`];
  const inputs = [v(-1)];
  const objects = new Map<number, string>();
  const shared = new Set(reports.flatMap((r) => (r.sharedWith === undefined ? [] : [r.sharedWith])));
  for (const [i, layer] of graph.layers.entries()) {
    const at = reports[i];
    if (!at) continue;
    const args = tensors((at.from ?? [i - 1]).map(v));
    if (layer.type === 'input') {
      lines.push(`${v(i)} = keras.Input(shape=${tuple(layer.shape)}, name=${JSON.stringify(layer.name)})`);
      inputs.push(v(i));
    } else if (layer.type === 'reuse') {
      lines.push(`${v(i)} = ${objects.get(at.sharedWith ?? -1) ?? layer.layer}(${args})  # the same weights again`);
    } else if (layer.type === 'model') {
      const sub = `${prefix}m${i + 1}_`;
      const inner = kerasGraph(layer, at.inputShapes?.[0] ?? at.inputShape, at.model?.layers ?? [], sub);
      const modelName = layer.name === undefined ? '' : `, name=${JSON.stringify(layer.name)}`;
      lines.push(...inner.lines, `${sub}model = keras.Model(${inner.inputs}, ${inner.outputs}${modelName})`);
      if (layer.trainable === false) lines.push(`${sub}model.trainable = False`);
      lines.push(`${v(i)} = ${sub}model(${args})`);
      objects.set(i, `${sub}model`);
    } else if (shared.has(i)) {
      lines.push(`${prefix}layer${i + 1} = layers.${kerasLayer(layer)}`, `${v(i)} = ${prefix}layer${i + 1}(${args})`);
      objects.set(i, `${prefix}layer${i + 1}`);
    } else {
      lines.push(`${v(i)} = layers.${kerasLayer(layer)}(${args})`);
    }
  }
  return { lines, inputs: tensors(inputs), outputs: tensors(outputIndexes(graph).map(v)) };
}

/**
 * A runnable Keras 3 script that builds the network and prints its summary:
 * `kerasSnippet(network, report)` starts with `import keras`. A network that branches is
 * written with the functional API (`x5 = layers.Add()([x4, x2])`).
 */
export function kerasSnippet(network: Network, report: NetworkReport): string {
  if (isGraph(network.layers)) {
    const graph = kerasGraph(network, network.input, report.layers, '');
    return [
      '# Check it yourself: pip install keras tensorflow, then run this file.',
      'import keras',
      'from keras import layers',
      '',
      ...graph.lines,
      `model = keras.Model(${graph.inputs}, ${graph.outputs})`,
      `model.summary()  # Total params: ${fmt(report.totals.params)}`,
      '',
    ].join('\n');
  }
  return [
    '# Check it yourself: pip install keras tensorflow, then run this file.',
    'import keras',
    'from keras import layers',
    '',
    'model = keras.Sequential([',
    `    keras.Input(shape=${tuple(network.input)}),`,
    ...network.layers.map((layer) => `    layers.${kerasLayer(layer)},`),
    '])',
    `model.summary()  # Total params: ${fmt(report.totals.params)}`,
    '',
  ].join('\n');
}

/** A level's PyTorch modules, one line each with its layer's number (notes stay comments). */
function torchModules(layers: readonly Layer[], reports: readonly LayerReport[], indent: string): string[] {
  return layers.flatMap((layer, i) => {
    const at = reports[i];
    return at
      ? specOf(layer)
          .pytorch(layer, at.inputShape)
          // A note (a line starting with #) stays a comment; a module gets its comma and its layer.
          .map((m) =>
            m.startsWith('#')
              ? `${indent}${m} (layer ${i + 1}: ${layer.type})`
              : `${indent}${m},  # layer ${i + 1}: ${layer.type}`,
          )
      : [];
  });
}

/** PyTorch's dimension for a Keras axis of a channels-last tensor of `rank` axes: the channels are dim 1. */
const torchDim = (axis: number, rank: number) => {
  const at = axis < 0 ? rank + axis + 1 : axis;
  return at === rank ? 1 : at + 1;
};

/**
 * A merge as a PyTorch expression on its input tensors: `x4 + x2`, `torch.cat([x5, x6], dim=1)`;
 * a dot product, which depends on the axes, is left for the reader to write.
 */
function torchMerge(layer: Layer, names: readonly string[], rank: number): string {
  if (layer.type === 'concatenate') return `torch.cat([${names.join(', ')}], dim=${torchDim(layer.axis ?? -1, rank)})`;
  const merge = TORCH_MERGES[layer.type];
  return merge ? merge(names) : `None  # ${layer.type}: write it with torch.einsum for these axes`;
}

/**
 * A network that branches as a PyTorch module: every layer's modules in `__init__` (a shared layer
 * once), and `forward` taking each layer's inputs by name; a nested model that does not itself
 * branch is an `nn.Sequential`, frozen with `requires_grad_(False)`.
 */
function torchGraph(network: Network, report: NetworkReport): { lines: string[]; modules: string[]; inputs: string[] } {
  const v = (i: number) => (i < 0 ? 'x' : `x${i + 1}`);
  const init: string[] = [];
  const forward: string[] = [];
  const inputs = ['x'];
  for (const [i, layer] of network.layers.entries()) {
    const at = report.layers[i];
    if (!at) continue;
    const names = (at.from ?? [i - 1]).map(v);
    const own = `self.layer${i + 1}`;
    if (layer.type === 'input') {
      inputs.push(v(i));
    } else if (layer.type === 'reuse') {
      forward.push(`${v(i)} = self.layer${(at.sharedWith ?? 0) + 1}(${names[0]})  # the same module again`);
    } else if ((specOf(layer).arity?.min ?? 1) >= 2) {
      forward.push(`${v(i)} = ${torchMerge(layer, names, at.inputShape.length)}  # layer ${i + 1}: ${layer.type}`);
    } else if (layer.type === 'model' && !isGraph(layer.layers)) {
      init.push(
        `${own} = nn.Sequential(  # layer ${i + 1}: model`,
        ...torchModules(layer.layers, at.model?.layers ?? [], '            '),
        '        )',
      );
      if (layer.trainable === false) init.push(`${own}.requires_grad_(False)`);
      forward.push(`${v(i)} = ${own}(${names[0]})`);
    } else {
      // A nested model that branches would need a module of its own: said, and passed through.
      const modules =
        layer.type === 'model'
          ? ['# a nested model that branches: not written here']
          : specOf(layer).pytorch(layer, at.inputShape);
      const real = modules.filter((m) => !m.startsWith('#'));
      const notes = modules.filter((m) => m.startsWith('#')).map((m) => `${m} (layer ${i + 1}: ${layer.type})`);
      if (real.length === 0) {
        forward.push(...notes, `${v(i)} = ${names[0]}  # layer ${i + 1}: ${layer.type}`);
      } else {
        const module = real.length === 1 ? real[0] : `nn.Sequential(${real.join(', ')})`;
        init.push(...notes, `${own} = ${module}  # layer ${i + 1}: ${layer.type}`);
        forward.push(`${v(i)} = ${own}(${names[0]})`);
      }
    }
  }
  const outputs = outputIndexes(network).map(v);
  const lines = [
    'class Net(nn.Module):',
    '    def __init__(self):',
    '        super().__init__()',
    ...init.map((line) => (line.startsWith(' ') ? line : `        ${line}`)),
    '',
    `    def forward(${['self', ...inputs].join(', ')}):`,
    ...forward.map((line) => `        ${line}`),
    `        return ${outputs.join(', ')}`,
    '',
    'model = Net()',
  ];
  return { lines, modules: init, inputs };
}

/**
 * A runnable PyTorch script that builds the same network (channels first) and
 * prints its parameter count, by PyTorch's convention (batch normalization 2·C).
 * A network that branches is written as a module whose `forward` follows the graph.
 */
export function pytorchSnippet(network: Network, report: NetworkReport, pytorch: NetworkReport): string {
  // PyTorch tensors put the channels first: [c, h, w] for a Keras [h, w, c]; a channels-first network already does.
  const first = network.layers.find((layer) => 'dataFormat' in layer && layer.dataFormat !== undefined);
  const channelsFirst = first !== undefined && 'dataFormat' in first && first.dataFormat === 'channels_first';
  const torchShape = (shape: readonly number[]) =>
    shape.length === 1 || channelsFirst ? shape : [shape.at(-1), ...shape.slice(0, -1)];
  const zeros = (shape: readonly number[]) => `torch.zeros(1, ${torchShape(shape).join(', ')})`;
  let body: string[];
  let modules: string[];
  let call: string;
  if (isGraph(network.layers)) {
    const graph = torchGraph(network, report);
    const extra = network.layers.flatMap((layer) => (layer.type === 'input' ? [zeros(layer.shape)] : []));
    body = graph.lines;
    modules = graph.modules;
    const outputs = outputIndexes(network).length;
    call = `model(${[zeros(network.input), ...extra].join(', ')})`;
    call = outputs === 1 ? `${call}.shape` : `[t.shape for t in ${call}]`;
  } else {
    modules = torchModules(network.layers, report.layers, '    ');
    body = ['model = nn.Sequential(', ...modules, ')'];
    call = `model(${zeros(network.input)}).shape`;
  }
  return [
    '# Check it yourself: pip install torch, then run this file.',
    'import torch',
    'from torch import nn',
    '',
    ...torchHelpersFor(modules),
    ...body,
    // Inference mode: batch normalization then uses its running statistics, so a batch of one works.
    'model.eval()',
    `print(${call})`,
    `print(sum(p.numel() for p in model.parameters()))  # ${fmt(pytorch.totals.params)} by PyTorch's rules${
      pytorch.totals.params === report.totals.params
        ? ''
        : ` (Keras: ${fmt(report.totals.params)}, counting the statistics normalization layers store)`
    }`,
    '',
  ].join('\n');
}
