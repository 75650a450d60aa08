import type { NetworkReport } from './analyze-network';
import { KERAS_NAMES } from './layer-summary';
import { pair, type PairOption } from './pair';
import type { Layer, Network } from './schema/network';

const tuple = (values: readonly (number | string)[]) => `(${values.join(', ')})`;
const fmt = (n: number) => n.toLocaleString('en-US');

/** Keyword arguments in Python syntax, leaving out those equal to the framework default. */
function kwargs(entries: [string, string | undefined][]): string {
  return entries
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

const pairArg = (option: PairOption, fallback: number) => {
  const [a, b] = pair(option, fallback);
  return a === fallback && b === fallback ? undefined : tuple([a, b]);
};
const paddingArg = (padding: 'valid' | 'same' | undefined) => (padding === 'same' ? '"same"' : undefined);
const biasArg = (useBias: boolean | undefined) => (useBias === false ? 'False' : undefined);

/** One Keras layer call: `Conv2D(filters=2, kernel_size=(3, 3), padding="same")`. */
function kerasLayer(layer: Layer): string {
  switch (layer.type) {
    case 'conv2d':
    case 'depthwiseConv2d':
    case 'separableConv2d':
    case 'conv2dTranspose': {
      const multiplier = 'depthMultiplier' in layer ? (layer.depthMultiplier ?? 1) : 1;
      const groups = layer.type === 'conv2d' ? (layer.groups ?? 1) : 1;
      return `${KERAS_NAMES[layer.type]}(${kwargs([
        ['filters', 'filters' in layer ? String(layer.filters) : undefined],
        ['kernel_size', tuple(pair(layer.kernelSize, 1))],
        ['depth_multiplier', multiplier > 1 ? String(multiplier) : undefined],
        ['strides', pairArg(layer.strides, 1)],
        ['padding', paddingArg(layer.padding)],
        ['dilation_rate', pairArg(layer.dilationRate, 1)],
        ['groups', groups > 1 ? String(groups) : undefined],
        ['use_bias', biasArg(layer.useBias)],
      ])})`;
    }
    case 'maxPooling2d':
    case 'averagePooling2d':
      return `${layer.type === 'maxPooling2d' ? 'MaxPooling2D' : 'AveragePooling2D'}(${kwargs([
        ['pool_size', tuple(pair(layer.poolSize, 2))],
        ['strides', layer.strides === undefined ? undefined : tuple(pair(layer.strides, 1))],
        ['padding', paddingArg(layer.padding)],
      ])})`;
    case 'globalAveragePooling2d':
      return 'GlobalAveragePooling2D()';
    case 'globalMaxPooling2d':
      return 'GlobalMaxPooling2D()';
    case 'batchNormalization':
      return 'BatchNormalization()';
    case 'flatten':
      return 'Flatten()';
    case 'dense':
      return `Dense(${kwargs([
        ['units', String(layer.units)],
        ['use_bias', biasArg(layer.useBias)],
      ])})`;
    case 'dropout':
      return `Dropout(rate=${layer.rate})`;
    case 'zeroPadding2d': {
      const [[t, b], [l, r]] = paddingSides(layer.padding);
      return `ZeroPadding2D(padding=${tuple([tuple([t, b]), tuple([l, r])])})`;
    }
  }
}

/** Zero padding as `[[top, bottom], [left, right]]` from any of its three forms. */
function paddingSides(
  padding:
    number | readonly [number, number] | readonly [readonly [number, number], readonly [number, number]] | undefined,
): [[number, number], [number, number]] {
  if (padding === undefined)
    return [
      [1, 1],
      [1, 1],
    ];
  if (typeof padding === 'number')
    return [
      [padding, padding],
      [padding, padding],
    ];
  const [rows, cols] = padding;
  if (typeof rows === 'number' && typeof cols === 'number')
    return [
      [rows, rows],
      [cols, cols],
    ];
  return [[...(rows as [number, number])], [...(cols as [number, number])]];
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

/** Keras "same" padding on one axis as PyTorch needs it: [before, after]. */
function samePadding(input: number, window: number, stride: number): [number, number] {
  const out = Math.ceil(input / stride);
  const total = Math.max((out - 1) * stride + window - input, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

/** PyTorch modules (channels-first) that match one Keras layer's counts and shapes. */
function torchModules(layer: Layer, input: number[]): string[] {
  const c = input[input.length - 1] ?? 1;
  const [h = 1, w = 1] = input;
  const bias =
    layer.type !== 'batchNormalization' && 'useBias' in layer && layer.useBias === false ? ', bias=False' : '';
  // Keras "same" padding as PyTorch spells it: a padding argument when symmetric, else a ZeroPad2d first.
  const sides = (kernel: [number, number], strides: [number, number], dilation: [number, number]) => {
    const [top, bottom] = samePadding(h, (kernel[0] - 1) * dilation[0] + 1, strides[0]);
    const [left, right] = samePadding(w, (kernel[1] - 1) * dilation[1] + 1, strides[1]);
    return { top, bottom, left, right };
  };
  const zeroPad = ({ top, bottom, left, right }: ReturnType<typeof sides>) =>
    top || bottom || left || right ? [`nn.ZeroPad2d(${tuple([left, right, top, bottom])})`] : [];
  const windowed = (
    kernel: [number, number],
    strides: [number, number],
    dilation: [number, number],
    padding?: 'valid' | 'same',
  ) => {
    if (padding !== 'same') return { pad: [] as string[], arg: '' };
    const s = sides(kernel, strides, dilation);
    if (s.top === s.bottom && s.left === s.right) {
      return { pad: [], arg: s.top || s.left ? `, padding=${tuple([s.top, s.left])}` : '' };
    }
    return { pad: zeroPad(s), arg: '' };
  };
  const convArgs = (l: Extract<Layer, { kernelSize: unknown }>) => {
    const kernel = pair(l.kernelSize, 1);
    const strides = pair(l.strides, 1);
    const dilation = pair(l.dilationRate, 1);
    const { pad, arg } = windowed(kernel, strides, dilation, l.padding);
    const extra = [
      strides[0] !== 1 || strides[1] !== 1 ? `, stride=${tuple(strides)}` : '',
      dilation[0] !== 1 || dilation[1] !== 1 ? `, dilation=${tuple(dilation)}` : '',
    ].join('');
    return { pad, args: `kernel_size=${tuple(kernel)}${extra}${arg}` };
  };
  switch (layer.type) {
    case 'conv2d': {
      const { pad, args } = convArgs(layer);
      const groups = layer.groups && layer.groups > 1 ? `, groups=${layer.groups}` : '';
      return [...pad, `nn.Conv2d(${c}, ${layer.filters}, ${args}${groups}${bias})`];
    }
    case 'depthwiseConv2d': {
      const { pad, args } = convArgs(layer);
      return [...pad, `nn.Conv2d(${c}, ${c * (layer.depthMultiplier ?? 1)}, ${args}, groups=${c}${bias})`];
    }
    case 'separableConv2d': {
      const { pad, args } = convArgs(layer);
      const mid = c * (layer.depthMultiplier ?? 1);
      return [
        ...pad,
        `nn.Conv2d(${c}, ${mid}, ${args}, groups=${c}, bias=False)`,
        `nn.Conv2d(${mid}, ${layer.filters}, kernel_size=1${bias})`,
      ];
    }
    case 'conv2dTranspose': {
      const [kh, kw] = pair(layer.kernelSize, 1);
      const strides = pair(layer.strides, 1);
      const dilation = pair(layer.dilationRate, 1);
      // Keras's output size, in*s (same) or in*s + max(k' − s, 0) (valid), by PyTorch's padding and output_padding.
      const axis = (k: number, s: number, d: number) => {
        const span = (k - 1) * d + 1;
        if (layer.padding === 'same') {
          if (span >= s) {
            const p = Math.ceil((span - s) / 2);
            return [p, 2 * p - (span - s)];
          }
          return [0, s - span];
        }
        return [0, span >= s ? 0 : s - span];
      };
      const [ph, oph] = axis(kh, strides[0], dilation[0]);
      const [pw, opw] = axis(kw, strides[1], dilation[1]);
      const extras = [
        strides[0] !== 1 || strides[1] !== 1 ? `, stride=${tuple(strides)}` : '',
        ph || pw ? `, padding=${tuple([ph ?? 0, pw ?? 0])}` : '',
        oph || opw ? `, output_padding=${tuple([oph ?? 0, opw ?? 0])}` : '',
        dilation[0] !== 1 || dilation[1] !== 1 ? `, dilation=${tuple(dilation)}` : '',
      ].join('');
      return [`nn.ConvTranspose2d(${c}, ${layer.filters}, kernel_size=${tuple([kh, kw])}${extras}${bias})`];
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const pool = pair(layer.poolSize, 2);
      const strides = layer.strides === undefined ? pool : pair(layer.strides, 1);
      const name = layer.type === 'maxPooling2d' ? 'MaxPool2d' : 'AvgPool2d';
      const pad = layer.padding === 'same' ? zeroPad(sides(pool, strides, [1, 1])) : [];
      return [...pad, `nn.${name}(kernel_size=${tuple(pool)}, stride=${tuple(strides)})`];
    }
    case 'globalAveragePooling2d':
      return ['nn.AdaptiveAvgPool2d(1)', 'nn.Flatten()'];
    case 'globalMaxPooling2d':
      return ['nn.AdaptiveMaxPool2d(1)', 'nn.Flatten()'];
    case 'batchNormalization':
      return [
        input.length === 3
          ? `nn.BatchNorm2d(${c}, eps=0.001, momentum=0.01)`
          : `nn.BatchNorm1d(${c}, eps=0.001, momentum=0.01)`,
      ];
    case 'flatten':
      // Keras flattens height, width, channels in that order; PyTorch channels first. Counts agree.
      return input.length === 1 ? [] : ['nn.Flatten()'];
    case 'dense':
      return input.length === 3
        ? ['ChannelsLast()', `nn.Linear(${c}, ${layer.units}${bias})`, 'ChannelsFirst()']
        : [`nn.Linear(${c}, ${layer.units}${bias})`];
    case 'dropout':
      return [`nn.Dropout(${layer.rate})`];
    case 'zeroPadding2d': {
      const [[t, b], [l, r]] = paddingSides(layer.padding);
      return [`nn.ZeroPad2d(${tuple([l, r, t, b])})`];
    }
  }
}

/**
 * A runnable PyTorch script that builds the same network (channels first) and
 * prints its parameter count, by PyTorch's convention (batch normalization 2·C).
 */
export function pytorchSnippet(network: Network, report: NetworkReport, pytorch: NetworkReport): string {
  const modules = network.layers.flatMap((layer, i) => {
    const at = report.layers[i];
    return at ? torchModules(layer, at.inputShape).map((m) => `    ${m},  # layer ${i + 1}: ${layer.type}`) : [];
  });
  const needsPermute = modules.some((m) => m.includes('ChannelsLast()'));
  const [h, w, c] = network.input;
  return [
    '# Check it yourself: pip install torch, then run this file.',
    'import torch',
    'from torch import nn',
    '',
    ...(needsPermute
      ? [
          '# Keras applies Dense to the last (channels) axis; PyTorch tensors are channels first.',
          'class ChannelsLast(nn.Module):',
          '    def forward(self, x):',
          '        return x.permute(0, 2, 3, 1)',
          '',
          'class ChannelsFirst(nn.Module):',
          '    def forward(self, x):',
          '        return x.permute(0, 3, 1, 2)',
          '',
        ]
      : []),
    'model = nn.Sequential(',
    ...modules,
    ')',
    `print(model(torch.zeros(1, ${c}, ${h}, ${w})).shape)`,
    `print(sum(p.numel() for p in model.parameters()))  # ${fmt(pytorch.totals.params)} by PyTorch's rules${
      pytorch.totals.params === report.totals.params
        ? ''
        : ` (Keras: ${fmt(report.totals.params)}, counting batch normalization's moving statistics)`
    }`,
    '',
  ].join('\n');
}
