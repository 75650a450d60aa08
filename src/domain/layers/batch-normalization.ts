import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { plural, shapeText } from './internal/text';
import { torchAffine } from './internal/torch-norm';
import { defineLayer, type KerasConversion, type LayerProblem, type Shape } from './spec';
import { keptShape } from './internal/learns-nothing';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('batchNormalization'),
    axis: k.z
      .int({ error: 'axis must be a whole number (-1, the last axis, by default)' })
      .min(-4, { error: 'axis must be at least -4' })
      .max(4, { error: 'axis must be at most 4' })
      .optional(),
    center: k.z.boolean({ error: 'center must be true or false' }).optional(),
    scale: k.z.boolean({ error: 'scale must be true or false' }).optional(),
  });

export type BatchNormalizationLayer = z.output<ReturnType<typeof schema>>;

/** The size of the normalized axis (Keras counts the batch axis as 0, so axis 3 of a 3-D image is its channels). */
export function normalizedAxis(axis: number | undefined, input: Shape): number | LayerProblem[] {
  const a = axis ?? -1;
  const index = a < 0 ? input.length + a : a - 1;
  const size = input[index];
  if (a === 0 || size === undefined) {
    return [
      {
        path: ['axis'],
        message: `axis ${a} is not a feature axis of the ${shapeText(input)} input (Keras numbers the batch axis 0: use 1 to ${input.length}, or -1 for the last)`,
      },
    ];
  }
  return size;
}

/** The normalized axis's values as the lesson names them: channels when it is the last axis. */
function unit(axis: number | undefined, input: Shape, c: number): string {
  const a = axis ?? -1;
  const last = a === -1 || a === input.length;
  return last ? plural(c, 'channel', 'channels') : `${c} ${c === 1 ? 'value' : 'values'} of axis ${a}`;
}

/** Batch normalization's options from a Keras config, or why Learnable cannot count it as written. */
function fromKeras(config: Readonly<Record<string, unknown>>): KerasConversion {
  const raw = config['axis'];
  if (Array.isArray(raw) && raw.length > 1) {
    return {
      refuse: {
        key: 'axis',
        message: `batch normalization over several axes at once (axis ${JSON.stringify(raw)}) is a Keras 2 feature Learnable does not count; Keras 3 takes one axis`,
      },
    };
  }
  // Batch renormalization keeps three more statistics per channel (a moving standard deviation and its own mean and deviation).
  if (config['renorm'] === true) {
    return {
      refuse: {
        key: 'renorm',
        message:
          'batch renormalization (renorm: true) stores extra statistics that Learnable does not count yet; set renorm to false',
      },
    };
  }
  const axis = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  return {
    ...(axis !== undefined && axis !== null && axis !== -1 && { axis }),
    ...(config['center'] === false && { center: false }),
    ...(config['scale'] === false && { scale: false }),
    ...common(config),
  };
}

/** Batch normalization: γ and β per channel trained, moving mean and variance stored (Keras 4·C, PyTorch 2·C). */
export const batchNormalization = defineLayer<BatchNormalizationLayer>()({
  type: 'batchNormalization',
  schema,
  label: 'batch normalization',
  description:
    'Normalizes each channel over the batch; learns a scale γ and a shift β per channel and keeps a moving mean and variance (Keras counts them, PyTorch calls them buffers).',
  example: { input: [32, 32, 16], layer: { type: 'batchNormalization' } },
  optionNotes: 'axis defaults to -1, the channels; center or scale false leaves out β or γ',
  keras: {
    classes: ['BatchNormalization', 'SyncBatchNormalization'],
    fromConfig: fromKeras,
    code: (layer) => {
      const args = [
        layer.axis !== undefined && layer.axis !== -1 ? `axis=${layer.axis}` : '',
        layer.center === false ? 'center=False' : '',
        layer.scale === false ? 'scale=False' : '',
      ].filter(Boolean);
      return `BatchNormalization(${args.join(', ')})`;
    },
  },
  pytorch: (layer, input) => {
    const c = normalizedAxis(layer.axis, input);
    if (Array.isArray(c)) return [];
    // PyTorch normalizes axis 1 of its channels-first tensors: (N, C) or (N, C, L) in 1-D, images in 2-D, volumes in 3-D.
    const d = input.length === 3 ? 2 : input.length === 4 ? 3 : 1;
    const module = `nn.BatchNorm${d}d(${c}, eps=0.001, momentum=0.01)`;
    return [torchAffine(module, layer.scale !== false, layer.center !== false, 'affine=False')];
  },
  diagram: { name: 'BatchNorm', kind: 'norm' },
  describe: (layer) =>
    [
      layer.axis === undefined || layer.axis === -1 ? 'per channel' : `per value of axis ${layer.axis}`,
      ...(layer.center === false ? ['no β (center false)'] : []),
      ...(layer.scale === false ? ['no γ (scale false)'] : []),
    ].join(', '),
  apply: (layer, input, convention) => {
    const c = normalizedAxis(layer.axis, input);
    if (Array.isArray(c)) return c;
    const gamma = layer.scale === false ? 0 : c;
    const beta = layer.center === false ? 0 : c;
    const channels = unit(layer.axis, input, c);
    if (gamma === c && beta === c) {
      if (convention === 'pytorch') {
        return {
          outputShape: input,
          shapeExplanation: keptShape(input),
          weights: c,
          biases: c,
          nonTrainable: 0,
          explanation: `2 × ${channels} = ${2 * c} in PyTorch: γ and β are trained; the running mean and variance are buffers, not parameters (Keras would count ${4 * c})`,
        };
      }
      return {
        outputShape: input,
        shapeExplanation: keptShape(input),
        weights: c,
        biases: c,
        nonTrainable: 2 * c,
        explanation: `4 × ${channels} = ${4 * c} in Keras: γ and β (2 × ${c} = ${2 * c}) are trained, the moving mean and variance (2 × ${c} = ${2 * c}) are stored but not trained (PyTorch would count ${2 * c})`,
      };
    }
    const kept = [gamma > 0 ? 'γ' : '', beta > 0 ? 'β' : ''].filter(Boolean);
    const trained =
      kept.length === 0
        ? 'neither γ nor β (center and scale are false)'
        : `only ${kept.join(' and ')} (${kept.length} × ${c} = ${gamma + beta}) ${kept.length === 1 ? 'is' : 'are'} trained`;
    if (convention === 'pytorch') {
      return {
        outputShape: input,
        shapeExplanation: keptShape(input),
        weights: gamma,
        biases: beta,
        nonTrainable: 0,
        explanation: `${gamma + beta} in PyTorch for ${channels}: ${trained}; the running mean and variance are buffers`,
      };
    }
    return {
      outputShape: input,
      shapeExplanation: keptShape(input),
      weights: gamma,
      biases: beta,
      nonTrainable: 2 * c,
      explanation: `${gamma + beta + 2 * c} in Keras for ${channels}: ${trained}, and the moving mean and variance (2 × ${c} = ${2 * c}) are stored but not trained`,
    };
  },
  mistakes: ({ layer, at, convention }) => {
    if (layer.center === false || layer.scale === false) return [];
    const c = at.weights;
    return convention === 'keras'
      ? [
          {
            code: 'batchnorm-trainable-only',
            value: 2 * c,
            message: `You counted only γ and β (2 × ${c}); Keras also counts the moving mean and variance as (non-trainable) parameters: 4 × ${c} = ${4 * c}. PyTorch would say ${2 * c}.`,
          },
        ]
      : [
          {
            code: 'batchnorm-counted-running-statistics',
            value: 4 * c,
            message: `You counted the running mean and variance too; in PyTorch they are buffers, not parameters: 2 × ${c} = ${2 * c}. Keras would say ${4 * c}.`,
          },
        ];
  },
});
