import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import {
  axesSize,
  axisSchema,
  axisText,
  compactAxis,
  featureAxes,
  spanText,
  type AxisOption,
} from './internal/feature-axes';
import { common } from './internal/keras-config';
import { kwargs } from './internal/python';
import { isProblems } from './internal/spatial';
import { torchAffine, torchSizes } from './internal/torch-norm';
import { defineLayer, type MistakeCandidate } from './spec';
import { keptShape } from './internal/learns-nothing';

const flag = (k: SchemaKit, name: string) => k.z.boolean({ error: `${name} must be true or false` }).optional();

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('layerNormalization'),
    axis: axisSchema(k).optional(),
    center: flag(k, 'center'),
    scale: flag(k, 'scale'),
    rmsScaling: flag(k, 'rmsScaling'),
  });

export type LayerNormalizationLayer = z.output<ReturnType<typeof schema>>;

/** Which of γ and β Keras creates: `rms_scaling` keeps γ even without `scale` and always drops β. */
function kept(layer: LayerNormalizationLayer) {
  const rms = layer.rmsScaling === true;
  return { gamma: layer.scale !== false || rms, beta: layer.center !== false && !rms };
}

const axisArg = (axis: AxisOption) => (axis === undefined || axis === -1 ? undefined : axisText(axis));

/** Layer normalization: γ and β for every value of the normalized axes (2 × 16 = 32 on 32×32×16), no statistics kept. */
export const layerNormalization = defineLayer<LayerNormalizationLayer>()({
  type: 'layerNormalization',
  schema,
  label: 'layer normalization',
  description:
    'Normalizes each example over its own values along axis (the channels by default); learns a scale γ and a shift β for every value of those axes and keeps no moving statistics.',
  example: { input: [32, 32, 16], layer: { type: 'layerNormalization' } },
  optionNotes:
    'axis (default -1; a number or a list such as [1, 2, 3], the batch axis is 0), center, scale (false leaves out β or γ), rmsScaling (γ only)',
  keras: {
    classes: ['LayerNormalization'],
    fromConfig: (config) => {
      const axis = compactAxis(config['axis']);
      return {
        ...(axis !== undefined && axis !== null && axis !== -1 && { axis }),
        ...(config['center'] === false && { center: false }),
        ...(config['scale'] === false && { scale: false }),
        ...(config['rms_scaling'] === true && { rmsScaling: true }),
        ...common(config),
      };
    },
    code: (layer) =>
      `LayerNormalization(${kwargs([
        ['axis', axisArg(layer.axis)],
        ['center', layer.center === false ? 'False' : undefined],
        ['scale', layer.scale === false ? 'False' : undefined],
        ['rms_scaling', layer.rmsScaling ? 'True' : undefined],
      ])})`,
  },
  pytorch: (layer, input) => {
    const axes = featureAxes(layer.axis, input);
    if (isProblems(axes)) return [];
    const { gamma, beta } = kept(layer);
    const rank = input.length;
    const sizes = axes.map((a) => input[a] ?? 1);
    const norm = (shape: readonly number[]) =>
      torchAffine(`nn.LayerNorm(${torchSizes(shape)}, eps=0.001)`, gamma, beta, 'elementwise_affine=False');
    // nn.LayerNorm normalizes the trailing axes of a channels-first tensor [C, …sizes].
    const trailing = (end: number) => axes.every((a, i) => a === end - axes.length + 1 + i);
    if (rank === 1) return [norm(sizes)];
    if (axes.length === rank) return [norm([input[rank - 1] ?? 1, ...input.slice(0, -1)])];
    if (trailing(rank - 2)) return [norm(sizes)];
    if (trailing(rank - 1)) return ['ChannelsLast()', norm(sizes), 'ChannelsFirst()'];
    return [norm(sizes)];
  },
  diagram: { name: 'LayerNorm', kind: 'norm' },
  describe: (layer) => {
    const { gamma, beta } = kept(layer);
    return [
      layer.axis === undefined || layer.axis === -1 ? 'over the last axis' : `over axis ${axisText(layer.axis)}`,
      ...(layer.rmsScaling ? ['rms scaling (γ only)'] : []),
      ...(!beta && !layer.rmsScaling ? ['no β (center false)'] : []),
      ...(!gamma ? ['no γ (scale false)'] : []),
    ].join(', ');
  },
  apply: (layer, input) => {
    const axes = featureAxes(layer.axis, input);
    if (isProblems(axes)) return axes;
    const { sizes, total } = axesSize(axes, input);
    const { gamma, beta } = kept(layer);
    const g = gamma ? total : 0;
    const b = beta ? total : 0;
    const over = `each of the ${spanText(sizes, total)} values it normalizes over${axes.length > 1 ? ` (axis ${axisText(layer.axis)})` : ''}`;
    const noStats = 'unlike batch normalization it keeps no moving statistics';
    let explanation: string;
    if (gamma && beta) {
      explanation = `layer normalization learns γ and β for ${over}: 2 × ${total} = ${2 * total}; ${noStats}`;
    } else if (gamma || beta) {
      const why = layer.rmsScaling
        ? 'rmsScaling is true: no β'
        : gamma
          ? 'center is false: no β'
          : 'scale is false: no γ';
      explanation = `layer normalization learns only ${gamma ? 'γ' : 'β'} (${why}) for ${over}: ${total}; ${noStats}`;
    } else {
      explanation = `layer normalization learns nothing here (center and scale are false: no γ, no β): 0; ${noStats}`;
    }
    return {
      outputShape: input,
      shapeExplanation: keptShape(input),
      weights: g,
      biases: b,
      nonTrainable: 0,
      explanation,
    };
  },
  mistakes: ({ layer, at }) => {
    const { gamma, beta } = kept(layer);
    const right = at.params;
    const n = Number(gamma) + Number(beta);
    if (n === 0) return [];
    const total = right / n;
    const candidates: MistakeCandidate[] = [
      {
        code: 'layernorm-counted-moving-statistics',
        value: right + 2 * total,
        message: `Layer normalization keeps no moving mean or variance (each example is normalized by its own statistics); it learns only ${n === 2 ? 'γ and β' : gamma ? 'γ' : 'β'}: ${n === 2 ? `2 × ${total} = ${right}` : right}. Batch normalization is the one that stores statistics.`,
      },
    ];
    const last = at.inputShape[at.inputShape.length - 1] ?? 1;
    if (total !== last) {
      candidates.push({
        code: 'layernorm-last-axis-only',
        value: n * last,
        message: `γ and β have one entry per value of the normalized axes, not per channel: axis ${axisText(layer.axis)} of ${at.inputShape.join('×')} covers ${total} values, so ${n === 2 ? `2 × ${total} = ${right}` : right}.`,
      });
    }
    return candidates;
  },
});
