import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { axisNames, featureAxis, listWords } from './internal/elementwise';
import { common } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { tuple } from './internal/python';
import { isProblems } from './internal/spatial';
import { defineLayer, type LayerProblem, type Shape } from './spec';

const schema = (k: SchemaKit) => {
  const axis = k.z.int({ error: 'axis must be a whole number such as -1 (the last axis)' });
  return k.layer({
    type: k.z.literal('softmax'),
    axis: k.z
      .union([axis, k.z.array(axis).min(1, { error: 'axis must list at least one axis' })], {
        error: 'axis must be a whole number such as -1 (the last axis), or a list of them',
      })
      .optional(),
  });
};

export type SoftmaxLayer = z.output<ReturnType<typeof schema>>;

const axesOf = (layer: SoftmaxLayer) =>
  layer.axis === undefined ? [-1] : typeof layer.axis === 'number' ? [layer.axis] : layer.axis;

/** The 0-based axes the softmax normalizes over, or why one is not an axis of the input (or is listed twice). */
function normalized(layer: SoftmaxLayer, input: Shape): number[] | LayerProblem[] {
  const seen: number[] = [];
  for (const [i, axis] of axesOf(layer).entries()) {
    const path = typeof layer.axis === 'object' ? ['axis', i] : ['axis'];
    const index = featureAxis(axis, input, path);
    if (isProblems(index)) return index;
    if (seen.includes(index)) {
      return [
        { path, message: `axis ${axis} names the ${axisNames(input.length)[index]} axis again; list each axis once` },
      ];
    }
    seen.push(index);
  }
  return seen;
}

/**
 * Softmax: rescales the values along an axis (the last by default) to positive numbers that sum to 1;
 * learns nothing. `{}` on 10 → 10, 0 parameters.
 */
export const softmax = defineLayer<SoftmaxLayer>()({
  type: 'softmax',
  schema,
  label: 'softmax',
  description:
    'Turns the values along an axis (the last by default) into positive numbers that sum to 1, such as class probabilities; learns nothing.',
  example: { input: [10], layer: { type: 'softmax' } },
  optionNotes: 'axis (default -1, the last; Keras numbers the batch axis 0), or a list of axes',
  keras: {
    classes: ['Softmax'],
    fromConfig: (config) => {
      const axis = config['axis'];
      return { ...(axis !== undefined && axis !== null && axis !== -1 && { axis }), ...common(config) };
    },
    code: (layer) =>
      layer.axis === undefined
        ? 'Softmax()'
        : `Softmax(axis=${typeof layer.axis === 'number' ? layer.axis : tuple(layer.axis)})`,
  },
  pytorch: (layer, input) => {
    const axes = normalized(layer, input);
    // PyTorch's Softmax takes one dim; over several axes there is no module (and nothing to count).
    if (isProblems(axes) || axes.length !== 1) return [];
    const [index = 0] = axes;
    // Channels first: Keras's last axis is PyTorch's dim 1, the others move one along.
    return [`nn.Softmax(dim=${index === input.length - 1 ? 1 : index + 2})`];
  },
  diagram: { name: 'Softmax', kind: 'activation' },
  describe: (layer) => {
    const axes = axesOf(layer);
    return axes.length === 1 && axes[0] === -1
      ? 'over the last axis'
      : `over ${axes.length === 1 ? 'axis' : 'axes'} ${axes.join(', ')}`;
  },
  apply: (layer, input) => {
    const axes = normalized(layer, input);
    if (isProblems(axes)) return axes;
    if (input.length === 1) {
      return passThrough('softmax', input, `it only rescales the ${input[0]} values so that they sum to 1`);
    }
    const names = axisNames(input.length);
    const along = listWords(axes.map((i) => names[i] ?? `axis ${i + 1}`));
    const which = axes.length === 1 ? `${along} axis` : `${along} axes`;
    return passThrough('softmax', input, `it only rescales the values along the ${which} so that they sum to 1`);
  },
  mistakes: () => [],
});
