import type { z } from 'zod';
import { isExact } from '../exact';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { shapeText } from './internal/text';
import { defineLayer, type Shape } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('concatenate'),
    axis: k.z
      .int({ error: 'axis must be a whole number (-1, the default, is the channels)' })
      .refine((axis) => axis !== 0, { error: 'axis 0 is the batch axis, which concatenate cannot join along' })
      .optional(),
  });

export type ConcatenateLayer = z.output<ReturnType<typeof schema>>;

/**
 * The axis of our shape (batch left out) that Keras's `axis` names, or undefined:
 * `axisOf(-1, 3) → 2`, `axisOf(1, 3) → 0` (Keras counts the batch axis as 0).
 */
const axisOf = (axis: number, rank: number) => {
  const at = axis < 0 ? rank + axis : axis - 1;
  return at >= 0 && at < rank ? at : undefined;
};

const AXIS_NAMES: Readonly<Record<number, readonly string[]>> = {
  1: ['values'],
  2: ['steps', 'channels'],
  3: ['height', 'width', 'channels'],
  4: ['depth', 'height', 'width', 'channels'],
};

/** The axis a concatenation joins along, in words: `'along the channels'` (the default), `'along axis 1'`. */
const alongText = (layer: ConcatenateLayer) =>
  layer.axis === undefined || layer.axis === -1 ? 'along the channels' : `along axis ${layer.axis}`;

/** Concatenate: joins its inputs along one axis (the channels by default); learns nothing. */
export const concatenate = defineLayer<ConcatenateLayer>()({
  type: 'concatenate',
  schema,
  label: 'concatenate',
  description:
    'Joins its inputs along one axis (the channels, by default), so that axis is the sum of theirs; learns nothing, but the next layer sees every channel.',
  example: {
    input: [8, 8, 16],
    before: [{ type: 'conv2d', name: 'branch', filters: 8, kernelSize: 1 }],
    layer: { type: 'concatenate', inputs: ['input', 'branch'] },
  },
  optionNotes: 'axis counts the batch as 0, as Keras does: -1 (the default) is the last axis, the channels',
  arity: { min: 2 },
  keras: {
    classes: ['Concatenate'],
    fromConfig: (config) => ({ ...pick(config, ['axis']), ...common(config) }),
    code: (layer) =>
      layer.axis === undefined || layer.axis === -1 ? 'Concatenate()' : `Concatenate(axis=${layer.axis})`,
  },
  pytorch: () => [],
  diagram: { name: 'Concatenate', kind: 'merge' },
  describe: (layer) => alongText(layer),
  describeInputs: (layer, { all }) => `joins ${all} ${alongText(layer)}`,
  apply: (layer, _input, _convention, { inputs }) => {
    const first: Shape = inputs[0] ?? [];
    const rank = first.length;
    const axis = layer.axis ?? -1;
    const at = axisOf(axis, rank);
    if (at === undefined) {
      return [
        {
          path: ['axis'],
          message: `axis ${axis} does not exist on an input of rank ${rank} (${shapeText(first)}): use 1 to ${rank}, or -1 to -${rank} (0 is the batch axis)`,
        },
      ];
    }
    const name = AXIS_NAMES[rank]?.[at] ?? `axis ${axis}`;
    const odd = inputs.find((s) => s.length !== rank || s.some((size, i) => i !== at && size !== first[i]));
    if (odd) {
      return [
        {
          path: ['inputs'],
          message: `concatenate joins along the ${name}, so its inputs must have equal shapes on every other axis, but it got ${inputs.map(shapeText).join(' and ')}`,
        },
      ];
    }
    const joined = inputs.reduce((sum, s) => sum + (s[at] ?? 0), 0);
    const output = first.map((size, i) => (i === at ? joined : size));
    // The joined axis grows: past 2^53 − 1 it is quoted exactly by the refusal that follows.
    const exactShape = isExact(joined)
      ? undefined
      : first.map((size, i) => (i === at ? inputs.reduce((sum, s) => sum + BigInt(s[at] ?? 0), 0n) : BigInt(size)));
    return nothingLearned(
      layer.type,
      output,
      `it joins ${inputs.map(shapeText).join(' and ')} along the ${name}: ${inputs.map((s) => s[at]).join(' + ')} = ${joined}`,
      `joined along the ${name}, ${inputs.map((s) => s[at]).join(' + ')} = ${joined}, the other axes kept: ${shapeText(output)}`,
      exactShape,
    );
  },
  mistakes: () => [],
});
