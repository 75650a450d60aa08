import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { listText } from './internal/list-text';
import { common } from './internal/keras-config';
import { applyPadding, kerasMargins } from './internal/margins';
import { zeroPadModule } from './internal/python';
import { sides, sidesOption } from './internal/sides';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('zeroPadding3d'),
    padding: sidesOption(k, 3, 'padding', LIMITS.maxPadding).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type ZeroPadding3dLayer = z.output<ReturnType<typeof schema>>;

/** 3-D zero padding: adds zeros around each channel's volume (default 1 on every side); learns nothing: 4×8×8×2 → 6×10×10×2. */
export const zeroPadding3d = defineLayer<ZeroPadding3dLayer>()({
  type: 'zeroPadding3d',
  schema,
  label: '3-D zero padding',
  description: "Adds zeros around each channel's volume (depth, height and width); learns nothing.",
  example: {
    input: [4, 8, 8, 2],
    layer: {
      type: 'zeroPadding3d',
      padding: [
        [1, 1],
        [2, 2],
        [0, 1],
      ],
    },
  },
  optionNotes: 'padding: n, [depth, height, width] or [[front, back], [top, bottom], [left, right]] (default 1)',
  keras: {
    classes: ['ZeroPadding3D'],
    fromConfig: (config) => ({
      ...(config['padding'] !== undefined && config['padding'] !== null && { padding: config['padding'] }),
      ...common(config, true),
    }),
    code: (layer) => kerasMargins('ZeroPadding3D', 'padding', sides(layer.padding, 3, 1), layer.dataFormat),
  },
  pytorch: (layer) => zeroPadModule(sides(layer.padding, 3, 1)),
  diagram: { name: 'ZeroPadding3D', kind: 'reshape' },
  describe: (layer) => `padding ${listText(layer.padding ?? 1)}`,
  apply: (layer, input) => applyPadding('3-D zero padding', 3, layer, input),
  mistakes: () => [],
});
