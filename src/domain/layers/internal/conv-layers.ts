// The four convolution layer types of every rank (Keras's conv{1,2,3}d.py over base_conv.py): a layer
// module gives its rank, padding option, Keras class names and its own texts; the rest is the same.
import type { z } from 'zod';
import type { SchemaKit } from '../../schema/layer-kit';
import { LIMITS } from '../../limits';
import { defineLayer, type LayerSpec } from '../spec';
import { activation, common, pick } from './keras-config';
import { specHead, type RankedTexts } from './ranked-layer';
import type { WindowPadding } from './sliding';
import {
  type ConvOptions,
  applyConv,
  applyConvTranspose,
  applyDepthwise,
  applySeparable,
  convMistakes,
  convTransposeMistakes,
  depthwiseMistakes,
  depthwiseShapeMistakes,
  describeConv,
  filterShapeMistakes,
  kerasConv,
  kernelRankMistakes,
  plainSpatial,
  separableMistakes,
  torchConv,
  torchConvTranspose,
} from './conv';

type Rank = 1 | 2 | 3;
type Padding = WindowPadding;

/** What one convolution layer module writes itself: its rank, its padding option and its own texts. */
interface ConvTexts<T extends string, R extends Rank, P extends Padding, L> extends RankedTexts<T, R, L> {
  /** `(k) => k.padding`; Conv1D's also takes "causal", the other 1-D ones none (`k.padding1d`). */
  padding: (k: SchemaKit) => z.ZodType<P>;
}

/** What a kind of convolution (ordinary, transposed, depthwise, separable) adds to the parts they all share. */
interface ConvKind<T extends string, L extends { type: T }> {
  /** The options read from a Keras config, in the order they are written. */
  configNames: readonly string[];
  /** Whether the layer's words name its depth multiplier (depthwise and separable ones). */
  withMultiplier: boolean;
  /** Why a Keras config with `output_padding` is refused (transposed ones). */
  outputPaddingRefusal?: string;
  pytorch: LayerSpec<T, L>['pytorch'];
  apply: LayerSpec<T, L>['apply'];
  mistakes: LayerSpec<T, L>['mistakes'];
  shapeMistakes: NonNullable<LayerSpec<T, L>['shapeMistakes']>;
}

/** A convolution's spec: its texts, its schema and its kind's parts, in the registry's order. */
function convSpec<T extends string, L extends ConvOptions & { type: T; groups?: number | undefined }>(
  texts: ConvTexts<T, Rank, Padding, L>,
  schema: LayerSpec<T, L>['schema'],
  kind: ConvKind<T, L>,
): LayerSpec<T, L> {
  const { rank, classes } = texts;
  const refusal = kind.outputPaddingRefusal;
  return defineLayer<L>()({
    ...specHead(texts, schema),
    keras: {
      classes,
      fromConfig: (config) => {
        if (refusal !== undefined && config['output_padding'] !== undefined && config['output_padding'] !== null) {
          return { refuse: { key: 'output_padding', message: refusal } };
        }
        const options = pick(config, kind.configNames);
        if (options['groups'] === 1) delete options['groups'];
        return { ...options, ...activation(config), ...common(config, true) };
      },
      code: (layer) => kerasConv(classes[0], rank, layer),
    },
    pytorch: kind.pytorch,
    diagram: { name: texts.diagram, kind: 'conv' },
    describe: (layer) => describeConv(layer, rank, kind.withMultiplier),
    apply: kind.apply,
    mistakes: kind.mistakes,
    shapeMistakes: kind.shapeMistakes,
  });
}

/**
 * A convolution's schema in Keras's order: its type, the options before the kernel (`filters`), `kernelSize`, the
 * options after it (`groups`, `depthMultiplier`), then strides, padding, dilationRate, useBias, activation, dataFormat.
 */
const convSchema =
  <T extends string, R extends Rank, P extends Padding, B extends object, A extends object>(
    type: T,
    rank: R,
    padding: (k: SchemaKit) => z.ZodType<P>,
    before: (k: SchemaKit) => B,
    after: (k: SchemaKit) => A,
  ) =>
  (k: SchemaKit) =>
    k.layer({
      type: k.z.literal(type),
      ...before(k),
      kernelSize: k.window(rank, LIMITS.maxWindow, 'kernelSize'),
      ...after(k),
      ...k.convolution(rank, padding(k)),
    });

// The options a kind of convolution has around its kernel.
const filters = (k: SchemaKit) => ({ filters: k.filters });
const groups = (k: SchemaKit) => ({ groups: k.whole(LIMITS.maxUnits, 'groups').optional() });
const multiplier = (k: SchemaKit) => ({ depthMultiplier: k.depthMultiplier.optional() });
const nothing = () => ({});
type Filters = ReturnType<typeof filters>;
type Groups = ReturnType<typeof groups>;
type Multiplier = ReturnType<typeof multiplier>;
type Nothing = ReturnType<typeof nothing>;

/** A convolution layer as its schema infers it, given the options around its kernel. */
type Inferred<T extends string, R extends Rank, P extends Padding, B extends object, A extends object> = z.output<
  ReturnType<ReturnType<typeof convSchema<T, R, P, B, A>>>
>;
/** An ordinary convolution layer, as its schema infers it. */
type ConvLayer<T extends string, R extends Rank, P extends Padding> = Inferred<T, R, P, Filters, Groups>;
/** A transposed convolution layer, as its schema infers it. */
type ConvTransposeLayer<T extends string, R extends Rank, P extends Padding> = Inferred<T, R, P, Filters, Nothing>;
/** A depthwise convolution layer, as its schema infers it. */
type DepthwiseConvLayer<T extends string, R extends Rank, P extends Padding> = Inferred<T, R, P, Nothing, Multiplier>;
/** A separable convolution layer, as its schema infers it. */
type SeparableConvLayer<T extends string, R extends Rank, P extends Padding> = Inferred<T, R, P, Filters, Multiplier>;

/** An ordinary convolution of rank 1, 2 or 3 (Conv1D, Conv2D, Conv3D): `c × (f × kernel) + f`, grouped or not. */
export function convLayer<T extends string, R extends Rank, P extends Padding>(
  texts: ConvTexts<T, R, P, ConvLayer<T, R, P>>,
) {
  const { type, rank, label } = texts;
  return convSpec<T, ConvLayer<T, R, P>>(texts, convSchema(type, rank, texts.padding, filters, groups), {
    configNames: ['filters', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias', 'groups'],
    withMultiplier: false,
    pytorch: (layer, input) => torchConv(rank, layer, input, 'conv'),
    apply: (layer, input) => applyConv(label, rank, layer, input),
    // A kernel's rank invites its own mistakes in 1-D and 3-D (none in 2-D).
    mistakes: (context) => [...convMistakes(context, rank), ...kernelRankMistakes(context, rank)],
    shapeMistakes: (context) => filterShapeMistakes(context, rank, 'conv'),
  });
}

/**
 * A transposed convolution of rank 1, 2 or 3: a convolution's count, a grown shape. Keras's `output_padding` is
 * refused with the module's own `outputPaddingRefusal`.
 */
export function convTransposeLayer<T extends string, R extends Rank, P extends Padding>(
  texts: ConvTexts<T, R, P, ConvTransposeLayer<T, R, P>> & { outputPaddingRefusal: string },
) {
  const { type, rank, label } = texts;
  return convSpec<T, ConvTransposeLayer<T, R, P>>(texts, convSchema(type, rank, texts.padding, filters, nothing), {
    configNames: ['filters', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias'],
    withMultiplier: false,
    outputPaddingRefusal: texts.outputPaddingRefusal,
    pytorch: (layer, input) => torchConvTranspose(rank, layer, input),
    apply: (layer, input) => applyConvTranspose(label, rank, layer, input),
    mistakes: (context) => [...convTransposeMistakes(context, rank), ...kernelRankMistakes(context, rank)],
    shapeMistakes: (context) => filterShapeMistakes(context, rank, 'transposed'),
  });
}

/** A depthwise convolution of rank 1 or 2: each input channel has its own `depthMultiplier` filters. */
export function depthwiseConvLayer<T extends string, R extends Rank, P extends Padding>(
  texts: ConvTexts<T, R, P, DepthwiseConvLayer<T, R, P>>,
) {
  const { type, rank, label } = texts;
  return convSpec<T, DepthwiseConvLayer<T, R, P>>(texts, convSchema(type, rank, texts.padding, nothing, multiplier), {
    configNames: ['depthMultiplier', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias'],
    withMultiplier: true,
    pytorch: (layer, input) => torchConv(rank, layer, input, 'depthwise'),
    apply: (layer, input) => applyDepthwise(label, rank, layer, input),
    mistakes: (context) => [...depthwiseMistakes(context, rank), ...kernelRankMistakes(context, rank)],
    shapeMistakes: (context) => depthwiseShapeMistakes(context, rank),
  });
}

/** A separable convolution of rank 1 or 2: a depthwise step, then a pointwise one to `filters`. */
export function separableConvLayer<T extends string, R extends Rank, P extends Padding>(
  texts: ConvTexts<T, R, P, SeparableConvLayer<T, R, P>>,
) {
  const { type, rank, label } = texts;
  return convSpec<T, SeparableConvLayer<T, R, P>>(texts, convSchema(type, rank, texts.padding, filters, multiplier), {
    configNames: ['filters', 'depthMultiplier', 'kernelSize', 'strides', 'padding', 'dilationRate', 'useBias'],
    withMultiplier: true,
    pytorch: (layer, input) => torchConv(rank, layer, input, 'separable'),
    apply: (layer, input) => applySeparable(label, rank, layer, input),
    mistakes: (context) => {
      // The pointwise step's weights do not grow with the kernel: channels × multiplier × filters.
      const { channels } = plainSpatial(context.at.inputShape, context.layer.dataFormat);
      const pointwise = channels * (context.layer.depthMultiplier ?? 1) * context.layer.filters;
      return [...separableMistakes(context, rank), ...kernelRankMistakes(context, rank, pointwise)];
    },
    shapeMistakes: (context) => filterShapeMistakes(context, rank, 'conv'),
  });
}
