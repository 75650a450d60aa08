import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { axisSchema, axisText, compactAxis, featureAxes } from './internal/feature-axes';
import { common } from './internal/keras-config';
import { keptShape, nothingLearned } from './internal/learns-nothing';
import { isProblems } from './internal/spatial';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('unitNormalization'),
    axis: axisSchema(k).optional(),
  });

export type UnitNormalizationLayer = z.output<ReturnType<typeof schema>>;

/** Unit normalization: divides each vector along axis by its L2 norm; learns nothing (0 on any input). */
export const unitNormalization = defineLayer<UnitNormalizationLayer>()({
  type: 'unitNormalization',
  schema,
  label: 'unit normalization',
  description:
    'Scales each vector along axis (the last by default) to length 1 by dividing it by its L2 norm; learns nothing.',
  example: { input: [128], layer: { type: 'unitNormalization' } },
  optionNotes: 'axis (default -1; a number or a list, the batch axis is 0)',
  keras: {
    classes: ['UnitNormalization'],
    fromConfig: (config) => {
      const axis = compactAxis(config['axis']);
      return { ...(axis !== undefined && axis !== null && axis !== -1 && { axis }), ...common(config) };
    },
    code: (layer) =>
      layer.axis === undefined || layer.axis === -1
        ? 'UnitNormalization()'
        : `UnitNormalization(axis=${axisText(layer.axis)})`,
  },
  // PyTorch has no module for it (torch.nn.functional.normalize is a function), and nothing to count.
  pytorch: () => [],
  diagram: { name: 'UnitNorm', kind: 'norm' },
  describe: (layer) => `L2 norm over axis ${axisText(layer.axis)}`,
  apply: (layer, input) => {
    // Keras only checks that the axes exist, so the batch axis is allowed here.
    const axes = featureAxes(layer.axis, input, true);
    if (isProblems(axes)) return axes;
    return nothingLearned(
      'unit normalization',
      input,
      `it divides each vector along axis ${axisText(layer.axis)} by its length`,
      keptShape(input),
    );
  },
  mistakes: () => [],
});
