import type { z } from 'zod';
import { allExact } from '../exact';
import type { SchemaKit } from '../schema/layer-kit';
import { LIMITS } from '../limits';
import { common } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { dataFormatArg, tuple, zeroPadModule } from './internal/python';
import { sides } from './internal/sides';
import { isProblems, spatialInput } from './internal/spatial';
import { defineLayer } from './spec';
import { paddingWork } from './internal/margins';

const schema = (k: SchemaKit) => {
  const side = k.whole(LIMITS.maxPadding, 'padding', 0);
  return k.layer({
    type: k.z.literal('zeroPadding2d'),
    padding: k.z
      .union([side, k.z.tuple([side, side]), k.z.tuple([k.z.tuple([side, side]), k.z.tuple([side, side])])], {
        error:
          'padding must be n, [rows, columns] or [[top, bottom], [left, right]] with whole numbers from 0 to ' +
          LIMITS.maxPadding,
      })
      .optional(),
    dataFormat: k.dataFormat.optional(),
  });
};

export type ZeroPadding2dLayer = z.output<ReturnType<typeof schema>>;

/** Zero padding as `[[top, bottom], [left, right]]` from any of its three forms (default 1): `paddingSides([1, 2]) → [[1, 1], [2, 2]]`. */
export const paddingSides = (padding: ZeroPadding2dLayer['padding']) =>
  sides(padding, 2, 1) as [[number, number], [number, number]];

/** Zero padding: adds rows and columns of zeros around each channel; learns nothing. */
export const zeroPadding2d = defineLayer<ZeroPadding2dLayer>()({
  type: 'zeroPadding2d',
  schema,
  label: 'zero padding',
  description: 'Adds rows and columns of zeros around each channel; learns nothing.',
  example: {
    input: [28, 28, 1],
    layer: {
      type: 'zeroPadding2d',
      padding: [
        [1, 2],
        [0, 3],
      ],
    },
  },
  optionNotes: 'padding is n, [rows, columns] or [[top, bottom], [left, right]], default 1',
  keras: {
    classes: ['ZeroPadding2D'],
    fromConfig: (config) => ({
      ...(config['padding'] !== undefined && config['padding'] !== null && { padding: config['padding'] }),
      ...common(config, true),
    }),
    code: (layer) => {
      const [[t, b], [l, r]] = paddingSides(layer.padding);
      const format = dataFormatArg(layer.dataFormat);
      return `ZeroPadding2D(padding=${tuple([tuple([t, b]), tuple([l, r])])}${format ? `, data_format=${format}` : ''})`;
    },
  },
  pytorch: (layer) => zeroPadModule(paddingSides(layer.padding)),
  diagram: { name: 'ZeroPadding', kind: 'reshape' },
  describe: (layer) => `padding ${JSON.stringify(layer.padding ?? 1).replace(/,/g, ', ')}`,
  apply: (layer, input) => {
    const split = spatialInput('zero padding', 2, input, layer.dataFormat);
    if (isProblems(split)) return split;
    const [[top, bottom], [left, right]] = paddingSides(layer.padding);
    const [h = 1, w = 1] = split.axes;
    const out = [h + top + bottom, w + left + right];
    const outputShape = split.shape(out, split.channels);
    // Padding grows each axis: a size past 2^53 − 1 is quoted exactly by the refusal that follows.
    const exactShape = allExact(out)
      ? undefined
      : split.shape(
          [BigInt(h) + BigInt(top) + BigInt(bottom), BigInt(w) + BigInt(left) + BigInt(right)],
          BigInt(split.channels),
        );
    return nothingLearned(
      'zero padding',
      outputShape,
      `it only adds rows and columns of zeros`,
      paddingWork(split.axes, paddingSides(layer.padding), outputShape),
      exactShape,
    );
  },
  mistakes: () => [],
});
