import type { z } from 'zod';
import { exactProduct, isExact } from '../exact';
import type { SchemaKit } from '../schema/layer-kit';
import { axesSize, axisSchema, axisText, compactAxis, featureAxes, spanText } from './internal/feature-axes';
import { common } from './internal/keras-config';
import { kwargs } from './internal/python';
import { isProblems } from './internal/spatial';
import { by } from './internal/text';
import { defineLayer, type LayerProblem, type Shape } from './spec';
import { keptShape } from './internal/learns-nothing';

const STATS_MESSAGE = (name: string) =>
  `${name} must be a number or a list of numbers (one per value of the axis), nested for several axes`;

const stats = (k: SchemaKit, name: string) => {
  const n = k.z.number({ error: STATS_MESSAGE(name) });
  const list = <T extends z.ZodType>(inner: T) => k.z.array(inner, { error: STATS_MESSAGE(name) });
  return k.z.union([n, list(n), list(list(n)), list(list(list(n))), list(list(list(list(n))))], {
    error: STATS_MESSAGE(name),
  });
};

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('normalization'),
    axis: axisSchema(k, true).optional(),
    mean: stats(k, 'mean').optional(),
    variance: stats(k, 'variance').optional(),
    invert: k.z.boolean({ error: 'invert must be true or false' }).optional(),
  });

export type NormalizationLayer = z.output<ReturnType<typeof schema>>;

type Stats = NonNullable<NormalizationLayer['mean']>;

/** The shape of a nested list of numbers, or undefined when its rows differ in length: `[[1, 2], [3, 4]] → [2, 2]`. */
function shapeOf(value: Stats): number[] | undefined {
  if (typeof value === 'number') return [];
  const rows = (value as readonly Stats[]).map(shapeOf);
  const first = rows[0] ?? [];
  if (rows.some((r) => r === undefined || r.join() !== first.join())) return undefined;
  return [value.length, ...(rows.length === 0 ? [] : first)];
}

const statsText = (value: Stats): string => (typeof value === 'number' ? String(value) : JSON.stringify(value));

/** Why given statistics do not fit the kept axes (Keras's checks at construction and build), or nothing. */
function givenProblems(layer: NormalizationLayer, kept: readonly number[]): LayerProblem[] {
  const { mean, variance } = layer;
  if (mean === undefined && variance === undefined) return [];
  if (mean === undefined || variance === undefined) {
    const missing = mean === undefined ? 'mean' : 'variance';
    return [
      {
        path: [missing],
        message: `mean and variance go together: give ${missing} too, or neither (then Keras keeps both as weights that adapt() fills in)`,
      },
    ];
  }
  const shapes = { mean: shapeOf(mean), variance: shapeOf(variance) };
  for (const name of ['mean', 'variance'] as const) {
    if (shapes[name] === undefined) {
      return [
        {
          path: [name],
          message: `${name} is a nested list whose rows differ in length; every row needs as many numbers`,
        },
      ];
    }
  }
  const shape = shapes.mean ?? [];
  if (shape.join() !== (shapes.variance ?? []).join()) {
    return [
      {
        path: ['variance'],
        message: `mean and variance must have the same shape, but mean is ${by(...shape) || 'one number'} and variance is ${by(...(shapes.variance ?? [])) || 'one number'}`,
      },
    ];
  }
  if (shape.length > kept.length) {
    return [
      {
        path: ['mean'],
        message: `mean has ${shape.length} levels of lists but axis ${axisText(layer.axis)} keeps ${kept.length} ${kept.length === 1 ? 'axis' : 'axes'}; give at most ${kept.length}`,
      },
    ];
  }
  // Keras lines the given values up with the kept axes from the right; a size of 1 is repeated.
  const fits = shape.every((size, i) => size === 1 || size === kept[kept.length - shape.length + i]);
  if (!fits) {
    return [
      {
        path: ['mean'],
        message: `mean and variance are ${by(...shape)}, which does not fit the ${by(...kept)} values of axis ${axisText(layer.axis)}; give one number, or one per value (${by(...kept)})`,
      },
    ];
  }
  return [];
}

/** The kept axes' sizes and product, or why the axes do not fit the input. */
function keptAxes(layer: NormalizationLayer, input: Shape) {
  const axes = featureAxes(layer.axis, input);
  return isProblems(axes) ? axes : axesSize(axes, input);
}

/** Normalization (preprocessing): a mean and a variance per value of axis and a count, none trained (2·C + 1). */
export const normalization = defineLayer<NormalizationLayer>()({
  type: 'normalization',
  schema,
  label: 'normalization',
  description:
    'Subtracts a mean and divides by a standard deviation per value of axis (the features by default); Keras stores the mean, the variance and the count of samples adapt() saw, none of them trained, unless mean and variance are given in the config.',
  example: { input: [9], layer: { type: 'normalization' } },
  optionNotes:
    'axis (default -1; a number, a list, or [] for one mean for everything), mean and variance (given together: then nothing is stored), invert',
  keras: {
    classes: ['Normalization'],
    fromConfig: (config) => {
      const axis = config['axis'] === null ? [] : compactAxis(config['axis']);
      return {
        ...(axis !== undefined && axis !== -1 && { axis }),
        ...(config['mean'] !== undefined && config['mean'] !== null && { mean: config['mean'] }),
        ...(config['variance'] !== undefined && config['variance'] !== null && { variance: config['variance'] }),
        ...(config['invert'] === true && { invert: true }),
        ...common(config),
      };
    },
    code: (layer) =>
      `Normalization(${kwargs([
        [
          'axis',
          layer.axis === undefined || layer.axis === -1
            ? undefined
            : typeof layer.axis === 'object' && layer.axis.length === 0
              ? 'None'
              : axisText(layer.axis),
        ],
        ['mean', layer.mean === undefined ? undefined : statsText(layer.mean)],
        ['variance', layer.variance === undefined ? undefined : statsText(layer.variance)],
        ['invert', layer.invert ? 'True' : undefined],
      ])})`,
  },
  // PyTorch has no such module (torchvision's Normalize takes constants): nothing to count.
  pytorch: () => [],
  diagram: { name: 'Normalization', kind: 'norm' },
  describe: (layer) =>
    [
      typeof layer.axis === 'object' && layer.axis.length === 0
        ? 'one mean and variance for everything'
        : `per value of axis ${axisText(layer.axis)}`,
      layer.mean === undefined ? 'adapted statistics' : 'given mean and variance',
      ...(layer.invert ? ['inverted'] : []),
    ].join(', '),
  apply: (layer, input, convention) => {
    const kept = keptAxes(layer, input);
    if (isProblems(kept)) return kept;
    const problems = givenProblems(layer, kept.sizes);
    if (problems.length > 0) return problems;
    const { sizes, total } = kept;
    const where =
      sizes.length === 0
        ? 'one mean and one variance for the whole input (axis [])'
        : `a mean and a variance for each of the ${spanText(sizes, total)} values of axis ${axisText(layer.axis)}`;
    const stored = 2 * total + 1;
    if (layer.mean !== undefined) {
      return {
        outputShape: input,
        shapeExplanation: keptShape(input),
        weights: 0,
        biases: 0,
        nonTrainable: 0,
        explanation: `normalization was given its mean and variance in the config, so Keras keeps them as constants and creates no weights: 0`,
      };
    }
    if (convention === 'pytorch') {
      // PyTorch counts nothing here, so nothing checks what Keras would count: past 2^53 − 1 it is worked as BigInts.
      const exact = isExact(stored) ? undefined : exactProduct(sizes);
      return {
        outputShape: input,
        shapeExplanation: keptShape(input),
        weights: 0,
        biases: 0,
        nonTrainable: 0,
        explanation: `0 in PyTorch: it has no such layer (torchvision's Normalize takes the mean and standard deviation as constants), and stored statistics would be buffers, not parameters (Keras would count 2 × ${exact ?? total} + 1 = ${exact === undefined ? stored : 2n * exact + 1n})`,
      };
    }
    return {
      outputShape: input,
      shapeExplanation: keptShape(input),
      weights: 0,
      biases: 0,
      nonTrainable: stored,
      explanation: `normalization stores ${where} and the count of samples adapt() saw, none of them trained: 2 × ${total} + 1 = ${stored}`,
    };
  },
  mistakes: ({ layer, at, convention }) => {
    if (convention !== 'keras') return [];
    const kept = keptAxes(layer, at.inputShape);
    if (isProblems(kept)) return [];
    const { total } = kept;
    return layer.mean === undefined
      ? [
          {
            code: 'normalization-forgot-count',
            value: 2 * total,
            message: `Besides a mean and a variance for each of the ${total} values, Keras's normalization stores the count of samples adapt() saw, one more non-trainable weight: 2 × ${total} + 1 = ${2 * total + 1}.`,
          },
        ]
      : [
          {
            code: 'normalization-counted-given-statistics',
            value: 2 * total + 1,
            message: `The mean and variance are given in the layer's config, so Keras keeps them as constants and creates no weights at all (no count either): 0.`,
          },
        ];
  },
});
