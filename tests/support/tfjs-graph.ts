import * as tf from '@tensorflow/tfjs';
import { LAYERS } from '../../src/domain/layers';
import type { Layer } from '../../src/domain/schema/network';
import { parsePythonCall } from './python-call';

// tfjs 4 spells a few Keras 3 keywords differently.
const TFJS_KEYWORDS: Record<string, string> = { negative_slope: 'alpha' };
const camel = (key: string) => TFJS_KEYWORDS[key] ?? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Initializers that make building fast (weights' values do not matter for counts). */
const KERNEL = { kernelInitializer: 'zeros', biasInitializer: 'zeros' };
const ZEROS: Record<string, object> = {
  Conv1D: KERNEL,
  Conv2D: KERNEL,
  Conv3D: KERNEL,
  Conv2DTranspose: KERNEL,
  Dense: KERNEL,
  DepthwiseConv2D: { depthwiseInitializer: 'zeros', biasInitializer: 'zeros' },
  SeparableConv2D: { depthwiseInitializer: 'zeros', pointwiseInitializer: 'zeros', biasInitializer: 'zeros' },
};

/** The tfjs factory for a Keras class, found by name: `Conv2DTranspose` → `tf.layers.conv2dTranspose`. */
export function tfjsFactory(className: string): ((config: object) => tf.layers.Layer) | undefined {
  // tfjs 4 has no Subtract; Keras's Subtract is its base Merge with two inputs, which Add shares
  // (same broadcasting, no weights), so Add checks its shape and count. The two-input rule has unit tests.
  if (className === 'Subtract') return (config) => tf.layers.add(config);
  const key = Object.keys(tf.layers).find((name) => name.toLowerCase() === className.toLowerCase());
  return key === undefined
    ? undefined
    : (tf.layers as unknown as Record<string, (config: object) => tf.layers.Layer>)[key];
}

/** One of our layers as a tfjs layer object, made from its own Keras code (a nested model from its layers). */
export function tfjsLayer(layer: Layer, input: readonly number[]): tf.layers.Layer | tf.LayersModel | undefined {
  if (layer.type === 'model') {
    const built = tfjsGraph(input, layer.layers, layer.inputName);
    if (built && layer.trainable === false) built.model.trainable = false;
    return built?.model;
  }
  const call = parsePythonCall(LAYERS[layer.type].keras.code(layer as never));
  const factory = tfjsFactory(call.name);
  if (!factory) return undefined;
  const config = Object.fromEntries(Object.entries(call.kwargs).map(([key, value]) => [camel(key), value]));
  const object = factory({ ...ZEROS[call.name], ...config });
  if (layer.trainable === false) object.trainable = false;
  return object;
}

/** A network built in tfjs's functional API, and every layer's tensor and layer object, by index. */
export interface TfjsGraph {
  model: tf.LayersModel;
  tensors: tf.SymbolicTensor[];
  objects: (tf.layers.Layer | tf.LayersModel | undefined)[];
}

/**
 * Our layers in tfjs's functional API: each takes the tensors it names (the input is
 * `inputName`, default "input") or the previous one; an `input` layer is a further model
 * input; a reuse calls the named layer object again (tfjs shares its weights).
 */
export function tfjsGraph(
  input: readonly number[],
  layers: readonly Layer[],
  inputName = 'input',
): TfjsGraph | undefined {
  const start = tf.input({ shape: [...input] });
  const inputs = [start];
  const tensors = new Map<string, tf.SymbolicTensor>([[inputName, start]]);
  const objects = new Map<string, tf.layers.Layer | tf.LayersModel>();
  const byIndex: tf.SymbolicTensor[] = [];
  const objectByIndex: (tf.layers.Layer | tf.LayersModel | undefined)[] = [];
  let last = start;
  for (const layer of layers) {
    let object: tf.layers.Layer | tf.LayersModel | undefined;
    if (layer.type === 'input') {
      last = tf.input({ shape: layer.shape, name: layer.name });
      inputs.push(last);
    } else {
      const args = layer.inputs?.map((name) => tensors.get(name) as tf.SymbolicTensor) ?? [last];
      const shape = (args[0]?.shape ?? []).slice(1) as number[];
      object = layer.type === 'reuse' ? objects.get(layer.layer) : tfjsLayer(layer, shape);
      if (!object) return undefined;
      last = object.apply(args.length === 1 ? (args[0] ?? last) : args) as tf.SymbolicTensor;
    }
    if (layer.name !== undefined) {
      tensors.set(layer.name, last);
      if (object) objects.set(layer.name, object);
    }
    byIndex.push(last);
    objectByIndex.push(object);
  }
  return { model: tf.model({ inputs, outputs: last }), tensors: byIndex, objects: objectByIndex };
}

/** How many values a list of tfjs weights holds. */
export const paramsOf = (weights: readonly tf.LayerVariable[]) =>
  weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
