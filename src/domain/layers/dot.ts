import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { shapeText } from './internal/text';
import { defineLayer, type Shape } from './spec';

const schema = (k: SchemaKit) => {
  const axis = k.z
    .int({ error: 'axes must be a whole number or a pair of them, such as 1 or [1, 2]' })
    .refine((a) => a !== 0, { error: 'axis 0 is the batch axis, which a dot product cannot run along' });
  return k.layer({
    type: k.z.literal('dot'),
    axes: k.z.union([axis, k.z.tuple([axis, axis])], {
      error: (issue) =>
        issue.input === undefined
          ? 'axes is required: the axis (or pair of axes) the dot product runs along, such as 1'
          : 'axes must be a whole number or a pair of them, such as 1 or [1, 2]',
    }),
    normalize: k.z.boolean({ error: 'normalize must be true or false' }).optional(),
  });
};

export type DotLayer = z.output<ReturnType<typeof schema>>;

/** Keras's axis on a shape with the batch axis (rank + 1 in all), as an index into ours, or undefined. */
const axisOf = (axis: number, rank: number) => {
  const at = axis < 0 ? rank + 1 + axis : axis;
  return at >= 1 && at <= rank ? at - 1 : undefined;
};

/** The axes a dot product sums over, in words: `'along axes 1'`, `'along axes 1 and 2'`. */
const alongAxes = (layer: DotLayer) =>
  `along axes ${Array.isArray(layer.axes) ? layer.axes.join(' and ') : layer.axes}`;

/** Dot: the dot product of two inputs along one axis of each (Keras's `batch_dot`); learns nothing. */
export const dot = defineLayer<DotLayer>()({
  type: 'dot',
  schema,
  label: 'dot',
  description:
    'Multiplies two inputs along one axis of each and sums (a dot product per example, as in attention scores); learns nothing.',
  example: {
    input: [16],
    before: [{ type: 'dense', name: 'query', units: 16 }],
    layer: { type: 'dot', axes: 1, inputs: ['input', 'query'] },
  },
  optionNotes: 'axes counts the batch as 0, as Keras does; one number uses the same axis of both inputs',
  arity: { min: 2, max: 2 },
  keras: {
    classes: ['Dot'],
    fromConfig: (config) => ({ ...pick(config, ['normalize']), axes: config['axes'], ...common(config) }),
    code: (layer) =>
      `Dot(axes=${Array.isArray(layer.axes) ? `(${layer.axes.join(', ')})` : layer.axes}${layer.normalize ? ', normalize=True' : ''})`,
  },
  pytorch: () => [],
  diagram: { name: 'Dot', kind: 'merge' },
  describe: (layer) => alongAxes(layer),
  describeInputs: (layer, { all }) => `takes the dot product of ${all} ${alongAxes(layer)}`,
  apply: (layer, _input, _convention, { inputs }) => {
    const [a = [], b = []] = inputs as [Shape, Shape];
    const [axisA, axisB] = Array.isArray(layer.axes) ? layer.axes : [layer.axes, layer.axes];
    const atA = axisOf(axisA, a.length);
    const atB = axisOf(axisB, b.length);
    if (atA === undefined || atB === undefined) {
      const [axis, shape] = atA === undefined ? [axisA, a] : [axisB, b];
      return [
        {
          path: ['axes'],
          message: `axis ${axis} does not exist on an input of ${shapeText(shape)} (batch axis 0 not counted there): use 1 to ${shape.length}, or -1 to -${shape.length}`,
        },
      ];
    }
    if (a[atA] !== b[atB]) {
      return [
        {
          path: ['axes'],
          message: `a dot product pairs the values of both axes one to one, but axis ${axisA} of ${shapeText(a)} has ${a[atA]} and axis ${axisB} of ${shapeText(b)} has ${b[atB]}`,
        },
      ];
    }
    const rest = [...a.filter((_, i) => i !== atA), ...b.filter((_, i) => i !== atB)];
    const output = rest.length === 0 ? [1] : rest;
    return nothingLearned(
      layer.type,
      output,
      `it multiplies ${shapeText(a)} by ${shapeText(b)} along ${a[atA]} values and sums, giving ${shapeText(output)}`,
      `the paired axes (${a[atA]} values each) are summed away, the others kept in order: ${shapeText(output)}`,
    );
  },
  mistakes: () => [],
});
