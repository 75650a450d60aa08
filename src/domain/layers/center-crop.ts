import type { z } from 'zod';
import { LIMITS } from '../limits';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { dataFormatArg, kwargs } from './internal/python';
import { isProblems, spatialInput } from './internal/spatial';
import { by, shapeText } from './internal/text';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('centerCrop'),
    height: k.whole(LIMITS.maxInputSize, 'height'),
    width: k.whole(LIMITS.maxInputSize, 'width'),
    dataFormat: k.dataFormat.optional(),
  });

export type CenterCropLayer = z.output<ReturnType<typeof schema>>;

/** Center crop: keeps the middle height × width of each image (`[256, 256, 3]` → `[224, 224, 3]`); learns nothing. */
export const centerCrop = defineLayer<CenterCropLayer>()({
  type: 'centerCrop',
  schema,
  label: 'center crop',
  description:
    'Keeps the middle height × width of each image; Keras 3 resizes an image that is smaller on either side instead. Learns nothing.',
  example: { input: [256, 256, 3], layer: { type: 'centerCrop', height: 224, width: 224 } },
  optionNotes: 'height, width, dataFormat (an image smaller than the crop is resized up, as in Keras 3)',
  keras: {
    classes: ['CenterCrop'],
    fromConfig: (config) => ({ ...pick(config, ['height', 'width']), ...common(config, true) }),
    code: (layer) =>
      `CenterCrop(${kwargs([
        ['height', String(layer.height)],
        ['width', String(layer.width)],
        ['data_format', dataFormatArg(layer.dataFormat)],
      ])})`,
  },
  pytorch: (layer, input) => {
    const first = layer.dataFormat === 'channels_first';
    const [h = 1, w = 1] = first ? input.slice(1) : input.slice(0, -1);
    if (h < layer.height || w < layer.width) {
      return [`nn.Upsample(size=(${layer.height}, ${layer.width}), mode="bilinear")`];
    }
    // Negative padding crops; Keras starts the crop at (size − target) // 2.
    const top = Math.floor((h - layer.height) / 2);
    const left = Math.floor((w - layer.width) / 2);
    const sides = [left, w - layer.width - left, top, h - layer.height - top];
    return sides.every((s) => s === 0) ? [] : [`nn.ZeroPad2d((${sides.map((s) => (s === 0 ? 0 : -s)).join(', ')}))`];
  },
  diagram: { name: 'CenterCrop', kind: 'reshape' },
  describe: (layer) =>
    [`to ${by(layer.height, layer.width)}`, ...(layer.dataFormat === 'channels_first' ? ['channels first'] : [])].join(
      ', ',
    ),
  apply: (layer, input) => {
    const split = spatialInput('center crop', 2, input, layer.dataFormat);
    if (isProblems(split)) return split;
    const [h = 1, w = 1] = split.axes;
    const target = [layer.height, layer.width];
    const [th = 1, tw = 1] = target;
    const how =
      h >= th && w >= tw
        ? `it keeps the middle ${by(...target)} of each ${by(h, w)} image`
        : `the ${by(h, w)} image is smaller than ${by(...target)} on ${h < th && w < tw ? 'both sides' : 'one side'}, so Keras 3 resizes it instead of cropping (the largest centred window of the target's aspect ratio, scaled to ${by(...target)})`;
    const outputShape = split.shape(target, split.channels);
    return nothingLearned(
      'center crop',
      outputShape,
      how,
      `height and width become the crop's ${by(...target)}, channels kept: ${shapeText(outputShape)}`,
    );
  },
  mistakes: () => [],
});
