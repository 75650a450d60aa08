import type { z } from 'zod';
import { LIMITS } from '../limits';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { dataFormatArg, kwargs } from './internal/python';
import { isProblems, spatialInput } from './internal/spatial';
import { by, shapeText } from './internal/text';
import { defineLayer } from './spec';

/** Keras's interpolations (the TensorFlow backend's list, which adds "area" to the documented five). */
const INTERPOLATIONS = ['bilinear', 'nearest', 'bicubic', 'lanczos3', 'lanczos5', 'area'] as const;

/** The nearest mode `torch.nn.Upsample` has: PyTorch has no Lanczos filter. */
const TORCH_MODES: Record<(typeof INTERPOLATIONS)[number], string> = {
  bilinear: 'bilinear',
  nearest: 'nearest',
  bicubic: 'bicubic',
  lanczos3: 'bicubic',
  lanczos5: 'bicubic',
  area: 'area',
};

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('resizing'),
    height: k.whole(LIMITS.maxInputSize, 'height'),
    width: k.whole(LIMITS.maxInputSize, 'width'),
    interpolation: k.z
      .enum(INTERPOLATIONS, { error: `interpolation must be one of ${INTERPOLATIONS.map((i) => `"${i}"`).join(', ')}` })
      .optional(),
    cropToAspectRatio: k.z.boolean({ error: 'cropToAspectRatio must be true or false' }).optional(),
    padToAspectRatio: k.z.boolean({ error: 'padToAspectRatio must be true or false' }).optional(),
    dataFormat: k.dataFormat.optional(),
  });

export type ResizingLayer = z.output<ReturnType<typeof schema>>;

/** Resizing: every image becomes height × width (`[32, 32, 3]` → `[224, 224, 3]`); learns nothing. */
export const resizing = defineLayer<ResizingLayer>()({
  type: 'resizing',
  schema,
  label: 'resizing',
  description:
    'Resizes each image to height × width by interpolation, keeping the channels (optionally cropping or padding to the target aspect ratio first); learns nothing.',
  example: { input: [32, 32, 3], layer: { type: 'resizing', height: 64, width: 64 } },
  optionNotes:
    'height, width; interpolation (default "bilinear"), cropToAspectRatio or padToAspectRatio (not both), dataFormat',
  keras: {
    classes: ['Resizing'],
    fromConfig: (config) => ({
      ...pick(config, ['height', 'width']),
      ...(typeof config['interpolation'] === 'string' &&
        config['interpolation'] !== 'bilinear' && { interpolation: config['interpolation'] }),
      ...(config['crop_to_aspect_ratio'] === true && { cropToAspectRatio: true }),
      ...(config['pad_to_aspect_ratio'] === true && { padToAspectRatio: true }),
      ...common(config, true),
    }),
    code: (layer) =>
      `Resizing(${kwargs([
        ['height', String(layer.height)],
        ['width', String(layer.width)],
        ['interpolation', layer.interpolation === undefined ? undefined : JSON.stringify(layer.interpolation)],
        ['crop_to_aspect_ratio', layer.cropToAspectRatio ? 'True' : undefined],
        ['pad_to_aspect_ratio', layer.padToAspectRatio ? 'True' : undefined],
        ['data_format', dataFormatArg(layer.dataFormat)],
      ])})`,
  },
  pytorch: (layer) => [
    `nn.Upsample(size=(${layer.height}, ${layer.width}), mode="${TORCH_MODES[layer.interpolation ?? 'bilinear']}")`,
  ],
  diagram: { name: 'Resizing', kind: 'reshape' },
  describe: (layer) =>
    [
      `to ${by(layer.height, layer.width)}`,
      layer.interpolation ?? 'bilinear',
      ...(layer.cropToAspectRatio ? ['crop to aspect ratio'] : []),
      ...(layer.padToAspectRatio ? ['pad to aspect ratio'] : []),
      ...(layer.dataFormat === 'channels_first' ? ['channels first'] : []),
    ].join(', '),
  apply: (layer, input) => {
    const split = spatialInput('resizing', 2, input, layer.dataFormat);
    if (isProblems(split)) return split;
    if (layer.cropToAspectRatio && layer.padToAspectRatio) {
      return [
        {
          path: ['padToAspectRatio'],
          message: 'cropToAspectRatio and padToAspectRatio cannot both be true (Keras refuses it); keep one',
        },
      ];
    }
    const target = [layer.height, layer.width];
    const fit = layer.cropToAspectRatio
      ? ', cropping it to that aspect ratio first'
      : layer.padToAspectRatio
        ? ', padding it to that aspect ratio first'
        : '';
    const outputShape = split.shape(target, split.channels);
    return nothingLearned(
      'resizing',
      outputShape,
      `it resizes each ${by(...split.axes)} image to ${by(...target)} by ${layer.interpolation ?? 'bilinear'} interpolation${fit}`,
      `height and width become ${by(...target)} whatever they were (${by(...split.axes)}), channels kept: ${shapeText(outputShape)}`,
    );
  },
  mistakes: () => [],
});
