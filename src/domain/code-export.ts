import type { NetworkReport } from './analyze-network';
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

/** One Keras layer call: `Conv2D(filters=2, kernel_size=(3, 3), padding="same")`. */
function kerasLayer(layer: Layer): string {
  return withCommon(specOf(layer).keras.code(layer), layer);
}

/**
 * A runnable Keras 3 script that builds the network and prints its summary:
 * `kerasSnippet(network, report)` starts with `import keras`.
 */
export function kerasSnippet(network: Network, report: NetworkReport): string {
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

/**
 * A runnable PyTorch script that builds the same network (channels first) and
 * prints its parameter count, by PyTorch's convention (batch normalization 2·C).
 */
export function pytorchSnippet(network: Network, report: NetworkReport, pytorch: NetworkReport): string {
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
  // PyTorch tensors put the channels first: [c, h, w] for a Keras [h, w, c]; a channels-first network already does.
  const first = network.layers.find((layer) => 'dataFormat' in layer && layer.dataFormat !== undefined);
  const channelsFirst = first !== undefined && 'dataFormat' in first && first.dataFormat === 'channels_first';
  const input =
    network.input.length === 1 || channelsFirst ? network.input : [network.input.at(-1), ...network.input.slice(0, -1)];
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
    `print(sum(p.numel() for p in model.parameters()))  # ${fmt(pytorch.totals.params)} by PyTorch's rules${
      pytorch.totals.params === report.totals.params
        ? ''
        : ` (Keras: ${fmt(report.totals.params)}, counting the statistics normalization layers store)`
    }`,
    '',
  ].join('\n');
}
