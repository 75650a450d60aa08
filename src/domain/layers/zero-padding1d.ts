import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { listText } from './internal/list-text';
import { common } from './internal/keras-config';
import { applyPadding, kerasMargins } from './internal/margins';
import { zeroPadModule } from './internal/python';
import { sides, sides1dOption } from './internal/sides';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('zeroPadding1d'),
    padding: sides1dOption(k, 'padding', LIMITS.maxPadding).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type ZeroPadding1dLayer = z.output<ReturnType<typeof schema>>;

/** 1-D zero padding: adds zero steps before and after a sequence (default 1 each); learns nothing: 10×4 with [1, 2] → 13×4. */
export const zeroPadding1d = defineLayer<ZeroPadding1dLayer>()({
  type: 'zeroPadding1d',
  schema,
  label: '1-D zero padding',
  description: 'Adds steps of zeros at the start and end of a sequence; learns nothing.',
  example: { input: [10, 4], layer: { type: 'zeroPadding1d', padding: [1, 2] } },
  optionNotes: 'padding: n or [left, right] (default 1)',
  keras: {
    classes: ['ZeroPadding1D'],
    // Read as written: `pick` would shorten [2, 2] to 2, which means the same but is not what was written.
    fromConfig: (config) => ({
      ...(config['padding'] !== undefined && config['padding'] !== null && { padding: config['padding'] }),
      ...common(config, true),
    }),
    code: (layer) => kerasMargins('ZeroPadding1D', 'padding', sides(layer.padding, 1, 1), layer.dataFormat),
  },
  pytorch: (layer) => zeroPadModule(sides(layer.padding, 1, 1)),
  diagram: { name: 'ZeroPadding1D', kind: 'reshape' },
  describe: (layer) => `padding ${listText(layer.padding ?? 1)}`,
  apply: (layer, input) => applyPadding('1-D zero padding', 1, layer, input),
  mistakes: () => [],
});
