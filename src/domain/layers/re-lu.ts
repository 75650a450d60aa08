import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { plain, pyFloat, real } from './internal/elementwise';
import { common } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { kwargs } from './internal/python';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('reLU'),
    maxValue: real(k, 'maxValue', 0, 'a negative maximum').optional(),
    negativeSlope: real(k, 'negativeSlope', 0, 'a negative slope').optional(),
    threshold: real(k, 'threshold', 0, 'a negative threshold').optional(),
  });

export type ReLULayer = z.output<ReturnType<typeof schema>>;

/** Keras's ReLU as a formula: `rule({maxValue: 6}) → 'min(max(x, 0), 6)'`. */
function rule(layer: ReLULayer): string {
  const slope = layer.negativeSlope ?? 0;
  const threshold = layer.threshold ?? 0;
  const below = slope === 0 ? '0' : threshold === 0 ? `${plain(slope)}·x` : `${plain(slope)}·(x − ${plain(threshold)})`;
  const base =
    slope === 0 && threshold === 0 ? 'max(x, 0)' : `x from ${plain(threshold)} up, ${below} below ${plain(threshold)}`;
  if (layer.maxValue === undefined) return base;
  return slope === 0 && threshold === 0
    ? `min(max(x, 0), ${plain(layer.maxValue)})`
    : `${base}, capped at ${plain(layer.maxValue)}`;
}

/**
 * Keras's ReLU layer: max(x, 0), optionally capped (`maxValue`, 6 in MobileNet), leaky below (`negativeSlope`)
 * or shifted (`threshold`); learns nothing. `{maxValue: 6}` on 16×16×32 → 16×16×32, 0 parameters.
 */
export const reLU = defineLayer<ReLULayer>()({
  type: 'reLU',
  schema,
  label: 'ReLU',
  description:
    'Keeps positive values and zeroes negative ones, max(x, 0), optionally capped at maxValue (ReLU6 in MobileNet); learns nothing.',
  example: { input: [16, 16, 32], layer: { type: 'reLU', maxValue: 6 } },
  optionNotes: 'maxValue (default none), negativeSlope (default 0), threshold (default 0); all at least 0',
  keras: {
    classes: ['ReLU'],
    fromConfig: (config) => {
      const number = (key: string) => (typeof config[key] === 'number' ? (config[key] as number) : undefined);
      const slope = number('negative_slope');
      const threshold = number('threshold');
      return {
        // Keras writes null for "no maximum"; non-numbers are passed on for the schema to refuse.
        ...(config['max_value'] !== undefined && config['max_value'] !== null && { maxValue: config['max_value'] }),
        ...(slope !== 0 && config['negative_slope'] != null && { negativeSlope: config['negative_slope'] }),
        ...(threshold !== 0 && config['threshold'] != null && { threshold: config['threshold'] }),
        ...common(config),
      };
    },
    code: (layer) =>
      `ReLU(${kwargs([
        ['max_value', layer.maxValue === undefined ? undefined : pyFloat(layer.maxValue)],
        ['negative_slope', layer.negativeSlope ? pyFloat(layer.negativeSlope) : undefined],
        ['threshold', layer.threshold ? pyFloat(layer.threshold) : undefined],
      ])})`,
  },
  pytorch: (layer) => {
    const slope = layer.negativeSlope ?? 0;
    const threshold = layer.threshold ?? 0;
    const max = layer.maxValue;
    // Hardtanh needs its maximum above its minimum; a cap at 0 leaves only zeros, which Threshold(inf) gives.
    const cap = (m: number) => (m > 0 ? `nn.Hardtanh(0.0, ${pyFloat(m)})` : 'nn.Threshold(float("inf"), 0.0)');
    // PyTorch has a module for each of Keras's common forms; a leaky and shifted ReLU has none,
    // and it learns nothing, so the count is the same without it.
    if (slope !== 0 && threshold !== 0) return [];
    if (threshold !== 0) return [`nn.Threshold(${pyFloat(threshold)}, 0.0)`, ...(max === undefined ? [] : [cap(max)])];
    if (slope !== 0) {
      return [
        `nn.LeakyReLU(${pyFloat(slope)})`,
        ...(max === undefined ? [] : [`nn.Hardtanh(min_val=float("-inf"), max_val=${pyFloat(max)})`]),
      ];
    }
    if (max === undefined) return ['nn.ReLU()'];
    return max === 6 ? ['nn.ReLU6()'] : max > 0 ? [cap(max)] : ['nn.ReLU()', cap(max)];
  },
  diagram: { name: 'ReLU', kind: 'activation' },
  describe: (layer) =>
    [
      layer.maxValue === undefined ? 'no maximum' : `max value ${plain(layer.maxValue)}`,
      `negative slope ${plain(layer.negativeSlope ?? 0)}`,
      `threshold ${plain(layer.threshold ?? 0)}`,
    ].join(', '),
  apply: (layer, input) => passThrough('ReLU', input, `it only applies ${rule(layer)} to each value`),
  mistakes: () => [],
});
