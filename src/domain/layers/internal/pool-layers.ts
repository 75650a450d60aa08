// The pooling layer types of every rank (Keras's {max,average}_pooling{1,2,3}d.py and their global forms): a
// layer module gives its rank, its kind, its Keras class names and its own texts; the rest is the same.
import type { z } from 'zod';
import type { SchemaKit } from '../../schema/layer-kit';
import { LIMITS } from '../../limits';
import { defineLayer } from '../spec';
import { specHead, type RankedTexts } from './ranked-layer';
import { common, pick } from './keras-config';
import {
  applyGlobalPool,
  applyPool,
  describeGlobalPool,
  describePool,
  kerasGlobalPool,
  kerasPool,
  poolShapeMistakes,
  torchGlobalPool,
  torchPool,
} from './pooling';

type Rank = 1 | 2 | 3;

/** What one pooling layer module writes itself: its rank, its kind and its own texts. */
interface PoolTexts<T extends string, R extends Rank, L> extends RankedTexts<T, R, L> {
  /** Which value of a window is kept, as PyTorch names it: `'Max'` or `'Avg'`. */
  kind: 'Max' | 'Avg';
}

const poolSchema =
  <T extends string, R extends Rank>(type: T, rank: R) =>
  (k: SchemaKit) =>
    k.layer({
      type: k.z.literal(type),
      poolSize: k.window(rank, LIMITS.maxWindow, 'poolSize').optional(),
      strides: k.window(rank, LIMITS.maxWindow, 'strides').optional(),
      padding: k.padding.optional(),
      dataFormat: k.dataFormat.optional(),
    });

/** A max or average pooling layer, as its schema infers it. */
export type PoolLayer<T extends string, R extends Rank> = z.output<ReturnType<ReturnType<typeof poolSchema<T, R>>>>;

/** Max or average pooling of rank 1, 2 or 3: windows of `poolSize` moved by `strides`; learns nothing. */
export function poolLayer<T extends string, R extends Rank>(texts: PoolTexts<T, R, PoolLayer<T, R>>) {
  const { type, rank, label, classes } = texts;
  const className = classes[0];
  return defineLayer<PoolLayer<T, R>>()({
    ...specHead(texts, poolSchema(type, rank)),
    keras: {
      classes,
      fromConfig: (config) => ({ ...pick(config, ['poolSize', 'strides', 'padding']), ...common(config, true) }),
      code: (layer) => kerasPool(className, rank, layer),
    },
    pytorch: (layer, input) => torchPool(rank, layer, input, `${texts.kind}Pool`),
    diagram: { name: texts.diagram, kind: 'pool' },
    describe: (layer) => describePool(layer, rank),
    apply: (layer, input) => applyPool(label, rank, layer, input),
    mistakes: () => [],
    shapeMistakes: (context) => poolShapeMistakes(context, rank),
  });
}

const globalPoolSchema =
  <T extends string>(type: T) =>
  (k: SchemaKit) =>
    k.layer({
      type: k.z.literal(type),
      keepdims: k.z.boolean({ error: 'keepdims must be true or false' }).optional(),
      dataFormat: k.dataFormat.optional(),
    });

/** A global pooling layer, as its schema infers it. */
export type GlobalPoolLayer<T extends string> = z.output<ReturnType<ReturnType<typeof globalPoolSchema<T>>>>;

/** Global max or average pooling of rank 1, 2 or 3: each channel's whole map becomes one value; learns nothing. */
export function globalPoolLayer<T extends string, R extends Rank>(texts: PoolTexts<T, R, GlobalPoolLayer<T>>) {
  const { type, rank, label, classes } = texts;
  const className = classes[0];
  return defineLayer<GlobalPoolLayer<T>>()({
    ...specHead(texts, globalPoolSchema(type)),
    keras: {
      classes,
      fromConfig: (config) => ({ ...(config['keepdims'] === true && { keepdims: true }), ...common(config, true) }),
      code: (layer) => kerasGlobalPool(className, layer),
    },
    pytorch: (layer) => torchGlobalPool(rank, layer, texts.kind),
    diagram: { name: texts.diagram, kind: 'pool' },
    describe: describeGlobalPool,
    apply: (layer, input) => applyGlobalPool(label, rank, layer, input),
    mistakes: () => [],
  });
}
