import type { z } from 'zod';
import { LIMITS } from '../limits';
import type { SchemaKit } from '../schema/layer-kit';
import { featureAxes } from './internal/feature-axes';
import { common, pick } from './internal/keras-config';
import { kwargs } from './internal/python';
import { isProblems } from './internal/spatial';
import { plural } from './internal/text';
import { torchAffine } from './internal/torch-norm';
import { defineLayer, type LayerProblem, type Shape } from './spec';
import { keptShape } from './internal/learns-nothing';

const GROUPS_MESSAGE = `groups must be a whole number from 1 to ${LIMITS.maxUnits}, or -1 for one group per channel`;

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('groupNormalization'),
    groups: k.z
      .int({ error: GROUPS_MESSAGE })
      .refine((g) => g === -1 || (g >= 1 && g <= LIMITS.maxUnits), { error: GROUPS_MESSAGE })
      .optional(),
    axis: k.z
      .int({ error: 'axis must be a whole number (-1, the last axis, by default)' })
      .min(-5, { error: 'axis must be at least -5' })
      .max(4, { error: 'axis must be at most 4' })
      .optional(),
    center: k.z.boolean({ error: 'center must be true or false' }).optional(),
    scale: k.z.boolean({ error: 'scale must be true or false' }).optional(),
  });

export type GroupNormalizationLayer = z.output<ReturnType<typeof schema>>;

/** The channels and the groups they fall into, or why the groups do not divide them (Keras's two checks, in its order). */
function grouping(layer: GroupNormalizationLayer, input: Shape): { c: number; g: number } | LayerProblem[] {
  const axes = featureAxes(layer.axis, input);
  if (isProblems(axes)) return axes;
  const c = input[axes[0] ?? 0] ?? 1;
  const asked = layer.groups ?? 32;
  const g = asked === -1 ? c : asked;
  const groups = layer.groups === undefined ? `groups (32 by default)` : `groups (${g})`;
  if (g > c) {
    return [
      {
        path: ['groups'],
        message: `${groups} cannot be more than the ${plural(c, 'channel', 'channels')} of axis ${layer.axis ?? -1}; use at most ${c} groups`,
      },
    ];
  }
  if (c % g !== 0) {
    const divisors = nearestDivisors(Number(c), Number(g));
    return [
      {
        path: ['groups'],
        message: `${groups} must divide the ${c} channels of axis ${layer.axis ?? -1} evenly (${c} ÷ ${g} is not whole); use a divisor of ${c} such as ${divisors.join(' or ')}`,
      },
    ];
  }
  return { c, g };
}

/** The two divisors of `c` closest to `g`, smaller first: `nearestDivisors(48, 32) → [24, 48]`. */
function nearestDivisors(c: number, g: number): number[] {
  const divisors: number[] = [];
  for (let d = 1; d * d <= c; d++) if (c % d === 0) divisors.push(d, c / d);
  return [...new Set(divisors)]
    .sort((a, b) => Math.abs(a - g) - Math.abs(b - g) || a - b)
    .slice(0, 2)
    .sort((a, b) => a - b);
}

const gammaBeta = (layer: GroupNormalizationLayer) => ({ gamma: layer.scale !== false, beta: layer.center !== false });

/** Group normalization: γ and β per channel, whatever the groups (2 × 64 = 128 for 32 groups of 64 channels). */
export const groupNormalization = defineLayer<GroupNormalizationLayer>()({
  type: 'groupNormalization',
  schema,
  label: 'group normalization',
  description:
    'Normalizes each example over groups of channels; learns a scale γ and a shift β per channel (not per group) and keeps no moving statistics.',
  example: { input: [16, 16, 64], layer: { type: 'groupNormalization', groups: 8 } },
  optionNotes:
    'groups (default 32; must divide the channels; -1 gives one group per channel), axis (default -1), center, scale',
  keras: {
    classes: ['GroupNormalization'],
    fromConfig: (config) => ({
      ...pick(config, ['groups']),
      ...(typeof config['axis'] === 'number' && config['axis'] !== -1 && { axis: config['axis'] }),
      ...(config['center'] === false && { center: false }),
      ...(config['scale'] === false && { scale: false }),
      ...common(config),
    }),
    code: (layer) =>
      `GroupNormalization(${kwargs([
        ['groups', layer.groups === undefined ? undefined : String(layer.groups)],
        ['axis', layer.axis === undefined || layer.axis === -1 ? undefined : String(layer.axis)],
        ['center', layer.center === false ? 'False' : undefined],
        ['scale', layer.scale === false ? 'False' : undefined],
      ])})`,
  },
  pytorch: (layer, input) => {
    const at = grouping(layer, input);
    if (isProblems(at)) return [];
    const { gamma, beta } = gammaBeta(layer);
    // PyTorch groups the channels (axis 1 of its channels-first tensors), Keras's default axis -1.
    return [torchAffine(`nn.GroupNorm(${at.g}, ${at.c}, eps=0.001)`, gamma, beta, 'affine=False')];
  },
  diagram: { name: 'GroupNorm', kind: 'norm' },
  describe: (layer) =>
    [
      layer.groups === -1 ? 'one group per channel' : plural(layer.groups ?? 32, 'group', 'groups'),
      ...(layer.axis !== undefined && layer.axis !== -1 ? [`axis ${layer.axis}`] : []),
      ...(layer.center === false ? ['no β (center false)'] : []),
      ...(layer.scale === false ? ['no γ (scale false)'] : []),
    ].join(', '),
  apply: (layer, input) => {
    const at = grouping(layer, input);
    if (isProblems(at)) return at;
    const { c, g } = at;
    const { gamma, beta } = gammaBeta(layer);
    const weights = gamma ? c : 0;
    const biases = beta ? c : 0;
    const groups = `the ${plural(g, 'group', 'groups')} of ${plural(c / g, 'channel', 'channels')} only decide which values share a mean and variance`;
    const tail = `${groups}; it keeps no moving statistics`;
    const channels = plural(c, 'channel', 'channels');
    const explanation =
      gamma && beta
        ? `group normalization learns γ and β per channel, not per group: 2 × ${channels} = ${2 * c} (${tail})`
        : gamma || beta
          ? `group normalization learns only ${gamma ? 'γ (center is false: no β)' : 'β (scale is false: no γ)'} per channel, not per group: ${channels} = ${c} (${tail})`
          : `group normalization learns nothing here (center and scale are false: no γ, no β): 0 (${tail})`;
    return { outputShape: input, shapeExplanation: keptShape(input), weights, biases, nonTrainable: 0, explanation };
  },
  mistakes: ({ layer, at }) => {
    const { gamma, beta } = gammaBeta(layer);
    const n = Number(gamma) + Number(beta);
    const grouped = grouping(layer, at.inputShape);
    if (n === 0 || isProblems(grouped) || grouped.g === grouped.c) return [];
    const { c, g } = grouped;
    return [
      {
        code: 'groupnorm-per-group',
        value: n * g,
        message: `Group normalization learns γ and β per channel, not per group: the ${g} groups only decide which channels share a mean and variance, so ${n === 2 ? `2 × ${c} = ${2 * c}` : `${c}`}.`,
      },
    ];
  },
});
