// Spatial dropout that takes a data format (Keras's spatial_dropout.py, SpatialDropout2D and 3D): a layer module
// gives its rank, its Keras class name and its own texts; the rest is the same.
import type { z } from 'zod';
import type { SchemaKit } from '../../schema/layer-kit';
import { defineLayer } from '../spec';
import { common, pick } from './keras-config';
import { passThrough } from './learns-nothing';
import { dataFormatArg, kwargs } from './python';
import { isProblems, spatialInput } from './spatial';

const spatialDropoutSchema =
  <T extends string>(type: T) =>
  (k: SchemaKit) =>
    k.layer({ type: k.z.literal(type), rate: k.rate(), dataFormat: k.dataFormat.optional() });

/** A spatial dropout layer with a data format, as its schema infers it. */
export type SpatialDropoutLayer<T extends string> = z.output<ReturnType<ReturnType<typeof spatialDropoutSchema<T>>>>;

/** Spatial dropout of rank 2 or 3: zeroes whole channels while training; keeps the shape, learns nothing. */
export function spatialDropoutLayer<T extends string>(texts: {
  type: T;
  rank: 2 | 3;
  label: string;
  description: string;
  example: { input: number[]; layer: SpatialDropoutLayer<T> };
  /** The Keras class, also the name in the network picture: `'SpatialDropout2D'`. */
  className: string;
}) {
  const { type, rank, label, className } = texts;
  return defineLayer<SpatialDropoutLayer<T>>()({
    type,
    schema: spatialDropoutSchema(type),
    label,
    description: texts.description,
    example: texts.example,
    keras: {
      classes: [className],
      fromConfig: (config) => ({ ...pick(config, ['rate']), ...common(config, true) }),
      code: (layer) =>
        `${className}(${kwargs([
          ['rate', String(layer.rate)],
          ['data_format', dataFormatArg(layer.dataFormat)],
        ])})`,
    },
    pytorch: (layer) => [`nn.Dropout${rank}d(${layer.rate})`],
    diagram: { name: className, kind: 'reshape' },
    describe: (layer) =>
      `rate ${layer.rate}, whole channels${layer.dataFormat === 'channels_first' ? ', channels first' : ''}`,
    apply: (layer, input) => {
      // Keras checks the rank (its InputSpec): it drops whole channels, so it must know where they are.
      const split = spatialInput(label, rank, input, layer.dataFormat);
      if (isProblems(split)) return split;
      return passThrough(label, input, 'it only zeroes whole channels at random while training');
    },
    mistakes: () => [],
  });
}
