import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { keptShape, nothingLearned } from './internal/learns-nothing';
import { kwargs } from './internal/python';
import { shapeText } from './internal/text';
import { defineLayer, type KerasConfig, type LayerProblem, type Shape } from './spec';

const factor = (k: SchemaKit, name: string) => {
  const one = k.z.number({ error: `${name} must be a number or a list of numbers (one per channel)` });
  return k.z.union([one, k.z.array(one).min(1, { error: `${name} must not be an empty list` })], {
    error: `${name} must be a number such as 0.00392156862745098 (1/255), or a list of numbers (one per channel)`,
  });
};

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('rescaling'),
    scale: factor(k, 'scale'),
    offset: factor(k, 'offset').optional(),
  });

export type RescalingLayer = z.output<ReturnType<typeof schema>>;

type Factor = number | readonly number[];

const factorText = (value: Factor) => (typeof value === 'number' ? String(value) : `[${value.join(', ')}]`);

/** A list must broadcast against the last axis, as NumPy lines shapes up from the right. */
function mismatch(name: 'scale' | 'offset', value: Factor | undefined, input: Shape): LayerProblem[] {
  if (value === undefined || typeof value === 'number' || value.length === 1) return [];
  const last = input[input.length - 1] ?? 1;
  if (value.length === last) return [];
  return [
    {
      path: [name],
      message: `${name} lists ${value.length} values, but the last axis of the ${shapeText(input)} input has ${last}; give one number, or one per value of the last axis (${last})`,
    },
  ];
}

/** Keras 3 writes a NumPy array as `{class_name: "__numpy__", config: {value}}`; a plain value stays as it is. */
function plainValue(value: unknown): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const inner = (value as KerasConfig)['config'];
    if (typeof inner === 'object' && inner !== null) return (inner as KerasConfig)['value'];
  }
  return value;
}

/** Rescaling: `x × scale + offset` on every value (1/255 turns pixels into 0–1); learns nothing. */
export const rescaling = defineLayer<RescalingLayer>()({
  type: 'rescaling',
  schema,
  label: 'rescaling',
  description:
    'Multiplies every value by scale and adds offset (scale 1/255 turns 0–255 pixels into 0–1); both are fixed, so it learns nothing.',
  example: { input: [224, 224, 3], layer: { type: 'rescaling', scale: 0.00392156862745098 } },
  optionNotes: 'scale (required), offset (default 0); each a number or one per channel',
  keras: {
    classes: ['Rescaling'],
    fromConfig: (config) => {
      const scale = plainValue(config['scale']);
      const offset = plainValue(config['offset']);
      return {
        ...(scale !== undefined && scale !== null && { scale }),
        ...(offset !== undefined && offset !== null && offset !== 0 && { offset }),
        ...common(config),
      };
    },
    code: (layer) =>
      `Rescaling(${kwargs([
        ['scale', factorText(layer.scale)],
        ['offset', layer.offset === undefined || layer.offset === 0 ? undefined : factorText(layer.offset)],
      ])})`,
  },
  // PyTorch does this in the data pipeline (or as plain arithmetic in forward): no module, nothing to count.
  pytorch: () => [],
  diagram: { name: 'Rescaling', kind: 'norm' },
  describe: (layer) =>
    `× ${factorText(layer.scale)}${layer.offset === undefined || layer.offset === 0 ? '' : ` + ${factorText(layer.offset)}`}`,
  apply: (layer, input) => {
    const problems = [...mismatch('scale', layer.scale, input), ...mismatch('offset', layer.offset, input)];
    if (problems.length > 0) return problems;
    const perChannel = [layer.scale, layer.offset].some((f) => typeof f === 'object' && f.length > 1)
      ? ' (per channel)'
      : '';
    const offset = layer.offset === undefined || layer.offset === 0 ? '' : ` + ${factorText(layer.offset)}`;
    return nothingLearned(
      'rescaling',
      input,
      `it computes x × ${factorText(layer.scale)}${offset}${perChannel} for every value, with fixed numbers`,
      keptShape(input),
    );
  },
  mistakes: () => [],
});
