import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) => k.layer({ type: k.z.literal('dropout'), rate: k.rate() });

export type DropoutLayer = z.output<ReturnType<typeof schema>>;

/** Dropout: zeroes random values while training; learns nothing and keeps the shape. */
export const dropout = defineLayer<DropoutLayer>()({
  type: 'dropout',
  schema,
  label: 'dropout',
  description: 'Zeroes a random fraction (rate) of its inputs while training; learns nothing.',
  example: { input: [128], layer: { type: 'dropout', rate: 0.5 } },
  keras: {
    classes: ['Dropout'],
    fromConfig: (config) => ({ ...pick(config, ['rate']), ...common(config) }),
    code: (layer) => `Dropout(rate=${layer.rate})`,
  },
  pytorch: (layer) => [`nn.Dropout(${layer.rate})`],
  diagram: { name: 'Dropout', kind: 'reshape' },
  describe: (layer) => `rate ${layer.rate}`,
  apply: (layer, input) => passThrough(layer.type, input, 'it only zeroes random values while training'),
  mistakes: () => [],
});
