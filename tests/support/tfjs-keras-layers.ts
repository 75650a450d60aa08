import * as tf from '@tensorflow/tfjs';

/*
 * Two Keras layers that TensorFlow.js 4.x lacks or reads only in part, registered under their Keras class
 * names so that tfjs builds, counts, serializes and deserializes them like its own. Only shapes and weights
 * matter to the fixtures that use them; `call` is the identity (or the reduction) and is never run on data.
 */

type Shape = (number | null)[];
type LayerConstructor = new (args: Record<string, unknown>) => tf.layers.Layer;

/** Keras's Normalization axes, `-1` or `[3]`, as the non-negative kept axes of an input of rank `rank`. */
function keptAxes(axis: number[], rank: number): number[] {
  return axis.map((d) => (d < 0 ? d + rank : d)).sort((a, b) => a - b);
}

export interface NormalizationArgs {
  axis?: number | number[];
  name?: string;
  trainable?: boolean;
}

/**
 * keras.layers.Normalization without preset statistics: `mean` and `variance` of the kept axes' shape and a
 * scalar `count`, all non-trainable (Keras 3: keras/src/layers/preprocessing/normalization.py, `build`).
 * On a 224×224×3 input with axis 3 that is 3 + 3 + 1 = 7 non-trainable weights.
 */
export class Normalization extends tf.layers.Layer {
  static readonly className = 'Normalization';
  private readonly axis: number[];

  constructor(args: NormalizationArgs) {
    super(args);
    const axis = args.axis ?? -1;
    this.axis = typeof axis === 'number' ? [axis] : [...axis];
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = inputShape as Shape;
    const kept = keptAxes(this.axis, shape.length).map((d) => {
      const size = shape[d];
      if (size === null || size === undefined)
        throw new Error(`Normalization: axis ${d} of ${String(shape)} is unknown`);
      return size;
    });
    this.addWeight('mean', kept, 'float32', tf.initializers.zeros(), undefined, false);
    this.addWeight('variance', kept, 'float32', tf.initializers.ones(), undefined, false);
    this.addWeight('count', [], 'int32', tf.initializers.zeros(), undefined, false);
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor | tf.Tensor[] {
    return inputs;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { axis: this.axis, invert: false, mean: null, variance: null, ...super.getConfig() };
  }
}
tf.serialization.registerClass(Normalization);

const registry = tf.serialization.SerializationMap.getMap().classNameMap as unknown as Record<
  string,
  [LayerConstructor]
>;
const TfjsGlobalAveragePooling2D = (registry['GlobalAveragePooling2D'] as [LayerConstructor])[0];

export interface GlobalAveragePooling2DArgs {
  keepdims?: boolean;
  name?: string;
  trainable?: boolean;
}

/**
 * tfjs's GlobalAveragePooling2D with Keras's `keepdims` (MobileNet's head keeps the 1×1 spatial axes for its
 * 1×1 `conv_preds`): [null, 7, 7, 1024] → [null, 1, 1, 1024] instead of [null, 1024].
 */
export class GlobalAveragePooling2D extends TfjsGlobalAveragePooling2D {
  static readonly className = 'GlobalAveragePooling2D';
  private readonly keepdims: boolean;

  constructor(args: GlobalAveragePooling2DArgs) {
    super(args as Record<string, unknown>);
    this.keepdims = args.keepdims ?? false;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const [batch, , , channels] = inputShape as Shape;
    return this.keepdims ? [batch ?? null, 1, 1, channels ?? null] : [batch ?? null, channels ?? null];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? (inputs[0] as tf.Tensor) : inputs;
    return tf.mean(x, [1, 2], this.keepdims);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), keepdims: this.keepdims };
  }
}
tf.serialization.registerClass(
  GlobalAveragePooling2D as unknown as tf.serialization.SerializableConstructor<tf.layers.Layer>,
);
