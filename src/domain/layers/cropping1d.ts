import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { listText } from './internal/list-text';
import { common } from './internal/keras-config';
import { applyCropping, kerasMargins, torchCropping } from './internal/margins';
import { sides, sides1dOption } from './internal/sides';
import { defineLayer } from './spec';

/** Keras's default: one step off each end. */
const DEFAULT = 1;

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('cropping1d'),
    cropping: sides1dOption(k, 'cropping', LIMITS.maxInputSize, '[start, end]').optional(),
  });

export type Cropping1dLayer = z.output<ReturnType<typeof schema>>;

/** 1-D cropping: cuts steps off the start and end of a sequence (default [1, 1]); learns nothing: 10×4 with [2, 1] → 7×4. */
export const cropping1d = defineLayer<Cropping1dLayer>()({
  type: 'cropping1d',
  schema,
  label: '1-D cropping',
  description: 'Cuts steps off the start and end of a sequence; learns nothing.',
  example: { input: [10, 4], layer: { type: 'cropping1d', cropping: [2, 1] } },
  optionNotes: 'cropping: n or [start, end] (default [1, 1]); at least one step must remain',
  keras: {
    classes: ['Cropping1D'],
    // Read as written: `pick` would shorten [1, 1] to 1, which means the same but is not what was written.
    fromConfig: (config) => ({
      ...(config['cropping'] !== undefined && config['cropping'] !== null && { cropping: config['cropping'] }),
      ...common(config),
    }),
    code: (layer) => kerasMargins('Cropping1D', 'cropping', sides(layer.cropping, 1, DEFAULT)),
  },
  pytorch: (layer) => torchCropping(1, sides(layer.cropping, 1, DEFAULT)),
  diagram: { name: 'Cropping1D', kind: 'reshape' },
  describe: (layer) => `cropping ${listText(layer.cropping ?? [DEFAULT, DEFAULT])}`,
  apply: (layer, input) => applyCropping('1-D cropping', 1, layer, input, DEFAULT),
  mistakes: () => [],
});
