import type { NetworkReport } from './analyze-network';
import { isGraph, kerasGraphLines, torchGraphClass } from './code-export-graph';
import { specOf } from './layers';
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

/**
 * One Keras layer, as the code calls it: `layers.Conv2D(filters=2, kernel_size=(3, 3), padding="same")`, or
 * bare for a class imported from its own module (`LayerScale(init_values=1e-06, projection_dim=96)`).
 */
function kerasLayer(layer: Layer): string {
  const { keras } = specOf(layer);
  return `${keras.module === undefined ? 'layers.' : ''}${withCommon(keras.code(layer), layer)}`;
}

/**
 * The imports of the classes a network uses that are not in `keras.layers`, nested models' too:
 * `from keras.src.applications.convnext import LayerScale`.
 */
function kerasImports(layers: readonly Layer[]): string[] {
  const imports = new Set<string>();
  const visit = (list: readonly Layer[]) => {
    for (const layer of list) {
      if (layer.type === 'model') visit(layer.layers);
      const { keras } = specOf(layer);
      if (keras.module === undefined) continue;
      const code = keras.code(layer);
      imports.add(`from ${keras.module} import ${code.slice(0, code.indexOf('('))}`);
    }
  };
  visit(layers);
  return [...imports].sort();
}

/**
 * A runnable Keras 3 script that builds the network and prints its summary:
 * `kerasSnippet(network, report)` starts with `import keras`.
 */
export function kerasSnippet(network: Network, report: NetworkReport): string {
  if (isGraph(network)) {
    const { definitions, body, inputs, outputs } = kerasGraphLines(network, network.input, report.layers, kerasLayer);
    return [
      '# Check it yourself: pip install keras tensorflow, then run this file.',
      'import keras',
      'from keras import layers',
      ...kerasImports(network.layers),
      '',
      ...definitions,
      ...body,
      `model = keras.Model(inputs=${listText(inputs)}, outputs=${listText(outputs)})`,
      `model.summary()  # Total params: ${fmt(report.totals.params)}`,
      '',
    ].join('\n');
  }
  return [
    '# Check it yourself: pip install keras tensorflow, then run this file.',
    'import keras',
    'from keras import layers',
    ...kerasImports(network.layers),
    '',
    'model = keras.Sequential([',
    `    keras.Input(shape=${tuple(network.input)}),`,
    ...network.layers.map((layer) => `    ${kerasLayer(layer)},`),
    '])',
    `model.summary()  # Total params: ${fmt(report.totals.params)}`,
    '',
  ].join('\n');
}

/**
 * A runnable PyTorch script that builds the same network (channels first) and
 * prints its parameter count, by PyTorch's convention (batch normalization 2·C).
 */
export function pytorchSnippet(network: Network, report: NetworkReport, pytorch: NetworkReport): string {
  if (isGraph(network)) return pytorchGraphSnippet(network, report, pytorch);
  const modules = network.layers.flatMap((layer, i) => {
    const at = report.layers[i];
    return at
      ? specOf(layer)
          .pytorch(layer, at.inputShape)
          // A note (a line starting with #) stays a comment; a module gets its comma and its layer.
          .map((m) =>
            m.startsWith('#')
              ? `    ${m} (layer ${i + 1}: ${layer.type})`
              : `    ${m},  # layer ${i + 1}: ${layer.type}`,
          )
      : [];
  });
  const input = torchInput(network, network.input);
  return [
    '# Check it yourself: pip install torch, then run this file.',
    'import torch',
    'from torch import nn',
    '',
    ...torchHelpersFor(modules),
    'model = nn.Sequential(',
    ...modules,
    ')',
    // Inference mode: batch normalization then uses its running statistics, so a batch of one works.
    'model.eval()',
    `print(model(torch.zeros(1, ${input.join(', ')})).shape)`,
    countLine(report, pytorch),
    '',
  ].join('\n');
}

const listText = (vars: readonly string[]) => (vars.length === 1 ? (vars[0] ?? '') : `[${vars.join(', ')}]`);

/** The line that prints PyTorch's count, with Keras's beside it where they differ. */
const countLine = (report: NetworkReport, pytorch: NetworkReport) =>
  `print(sum(p.numel() for p in model.parameters()))  # ${fmt(pytorch.totals.params)} by PyTorch's rules${
    pytorch.totals.params === report.totals.params
      ? ''
      : ` (Keras: ${fmt(report.totals.params)}, counting the statistics normalization layers store)`
  }`;

/** PyTorch tensors put the channels first: [c, h, w] for a Keras [h, w, c]; a channels-first network already does. */
function torchInput(network: Network, shape: readonly number[]): readonly number[] {
  const first = network.layers.find((layer) => 'dataFormat' in layer && layer.dataFormat !== undefined);
  const channelsFirst = first !== undefined && 'dataFormat' in first && first.dataFormat === 'channels_first';
  return shape.length === 1 || channelsFirst ? shape : [shape.at(-1) ?? 1, ...shape.slice(0, -1)];
}

/** A network that branches, as a PyTorch module whose `forward` follows the graph. */
function pytorchGraphSnippet(network: Network, report: NetworkReport, pytorch: NetworkReport): string {
  const { lines, modules } = torchGraphClass(network, report.layers, 'Net');
  const inputs = [
    network.input,
    ...network.layers.flatMap((layer) => (layer.type === 'input' ? [layer.shape] : [])),
  ].map((shape) => `torch.zeros(1, ${torchInput(network, shape).join(', ')})`);
  return [
    '# Check it yourself: pip install torch, then run this file.',
    'import torch',
    'from torch import nn',
    '',
    ...torchHelpersFor(modules),
    ...lines,
    'model = Net()',
    'model.eval()',
    `outputs = model(${inputs.join(', ')})`,
    'print([tuple(o.shape) for o in (outputs if isinstance(outputs, tuple) else (outputs,))])',
    countLine(report, pytorch),
    '',
  ].join('\n');
}
