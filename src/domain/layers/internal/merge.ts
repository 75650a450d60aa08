import type { z } from 'zod';
import type { SchemaKit } from '../../schema/layer-kit';
import { common } from './keras-config';
import { nothingLearned } from './learns-nothing';
import { shapeText } from './text';
import { defineLayer, type LayerProblem, type Shape } from '../spec';

/**
 * The shape an elementwise operation gives two shapes (batch axis left out), by Keras's
 * `Merge._compute_elemwise_op_output_shape`: the sizes are matched from the right, a 1
 * stretches to the other size, any other sizes must be equal, and the longer shape's
 * leading sizes are kept. `broadcast([8, 8, 64], [1, 1, 64]) → [8, 8, 64]`;
 * `broadcast([8, 8, 64], [8, 8, 32]) → undefined`.
 */
export function broadcast(a: Shape, b: Shape): Shape | undefined {
  if (a.length < b.length) return broadcast(b, a);
  const lead = a.slice(0, a.length - b.length);
  const tail: number[] = [];
  for (const [i, y] of b.entries()) {
    const x = a[a.length - b.length + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) return undefined;
    tail.push(x === 1 ? y : x);
  }
  return [...lead, ...tail];
}

/** How each elementwise merge combines its inputs, in the lesson's words. */
interface ElementwiseOptions<T extends string> {
  type: T;
  className: string;
  label: string;
  /** `'adds'`, for "adds 2 inputs elementwise". */
  verb: string;
  description: string;
  /** Subtract takes exactly two inputs; the others two or more. */
  exactlyTwo?: boolean;
  /** The merge and its inputs in words, when "<verb> a and b" does not say it (subtract: b from a). */
  describeInputs?: (inputs: { each: readonly string[]; all: string }) => string;
  /** The merge in PyTorch on its input tensors' names: `(n) => n.join(' + ')`. */
  torch: (names: readonly string[]) => string;
}

const mergeSchema =
  <T extends string>(type: T) =>
  (k: SchemaKit) =>
    k.layer({ type: k.z.literal(type) });

type MergeLayer<T extends string> = z.output<ReturnType<ReturnType<typeof mergeSchema<T>>>>;

/** Why inputs cannot be merged elementwise: `'8×8×64 and 8×8×32 differ on the channels'`. */
export function mismatch(label: string, shapes: readonly Shape[]): LayerProblem[] {
  return [
    {
      path: ['inputs'],
      message: `${label} combines its inputs value by value, so their shapes must be equal (a size of 1 stretches, as in Keras), but it got ${shapes.map(shapeText).join(' and ')}`,
    },
  ];
}

/**
 * An elementwise merge (add, subtract, multiply, average, maximum, minimum): 0 parameters,
 * the inputs' common shape with Keras's broadcasting. They differ only in the operation.
 */
export function elementwiseMerge<T extends string>(options: ElementwiseOptions<T>) {
  const { type, className, label, verb } = options;
  return defineLayer<MergeLayer<T>>()({
    type,
    schema: mergeSchema(type),
    label,
    description: options.description,
    example: {
      input: [8, 8, 16],
      before: [{ type: 'conv2d', name: 'branch', filters: 16, kernelSize: 3, padding: 'same' }],
      layer: { type, inputs: ['input', 'branch'] } as MergeLayer<T>,
    },
    optionNotes: `inputs names the ${options.exactlyTwo ? 'two' : 'two or more'} layers it merges`,
    arity: options.exactlyTwo ? { min: 2, max: 2 } : { min: 2 },
    keras: {
      classes: [className],
      fromConfig: (config) => common(config),
      code: () => `${className}()`,
    },
    pytorch: () => [],
    pytorchForward: (_layer, names) => options.torch(names),
    diagram: { name: className, kind: 'merge' },
    describe: (layer) => `${verb} ${layer.inputs?.length ?? 2} inputs elementwise`,
    describeInputs: (_layer, inputs) => options.describeInputs?.(inputs) ?? `${verb} ${inputs.all}`,
    apply: (layer, _input, _convention, { inputs }) => {
      let shape: Shape | undefined = inputs[0];
      for (const next of inputs.slice(1)) shape = shape && broadcast(shape, next);
      if (!shape) return mismatch(label, inputs);
      return nothingLearned(
        layer.type,
        shape,
        `it ${verb} ${inputs.length} inputs of ${[...new Set(inputs.map(shapeText))].join(' and ')} value by value`,
        `value by value, the inputs' shapes ${inputs.map(shapeText).join(' and ')} give ${shapeText(shape)}`,
      );
    },
    mistakes: () => [],
  });
}
