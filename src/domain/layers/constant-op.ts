import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { plain, pyFloat } from './internal/elementwise';
import { keptShape, nothingLearned } from './internal/learns-nothing';
import { defineLayer } from './spec';

/** The operations Keras 3 records as a layer when a tensor meets a number (`x + 3.0` is `keras.ops.add`). */
export const CONSTANT_OPS = ['add', 'subtract', 'multiply', 'divide', 'maximum', 'minimum', 'power'] as const;
export type ConstantOpName = (typeof CONSTANT_OPS)[number];

/** Each operation's class in `keras.src.ops.numpy`, as `model.to_json()` names it. */
export const CONSTANT_OP_CLASSES: Readonly<Record<ConstantOpName, readonly string[]>> = {
  add: ['Add'],
  subtract: ['Subtract'],
  multiply: ['Multiply'],
  divide: ['Divide', 'TrueDivide'],
  maximum: ['Maximum'],
  minimum: ['Minimum'],
  power: ['Power'],
};

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('constantOp'),
    op: k.z.enum(CONSTANT_OPS, { error: `op must be one of ${CONSTANT_OPS.map((o) => `"${o}"`).join(', ')}` }),
    value: k.z.number({ error: 'value must be a number, such as 3' }),
    /** The number comes first (`3 - x`, `1 / x`); the tensor first by default (`x - 3`). */
    constantFirst: k.z.boolean({ error: 'constantFirst must be true or false' }).optional(),
  });

export type ConstantOpLayer = z.output<ReturnType<typeof schema>>;

/** Python's operators (maximum and minimum are functions there: `torchConstantOp`). */
const SYMBOL: Readonly<Record<ConstantOpName, string>> = {
  add: '+',
  subtract: '-',
  multiply: '*',
  divide: '/',
  maximum: 'max',
  minimum: 'min',
  power: '**',
};

/** The same in the lesson's notation. */
const WORDS: Readonly<Record<ConstantOpName, string>> = {
  add: '+',
  subtract: '−',
  multiply: '×',
  divide: '÷',
  maximum: 'max',
  minimum: 'min',
  power: '^',
};

/** The operation as Python writes it on a tensor `x`: `x + 3.0`, `3.0 - x`, `x ** 2.0`. */
function pythonText(layer: ConstantOpLayer, x: string): string {
  const value = pyFloat(layer.value);
  const [a, b] = layer.constantFirst ? [value, x] : [x, value];
  return `${a} ${SYMBOL[layer.op]} ${b}`;
}

/** The operation in words for the lesson's tables: `x + 3`, `3 − x`, `x × 0.5`, `max(x, 0)`. */
export function constantOpText(layer: ConstantOpLayer, x: string): string {
  const value = plain(layer.value);
  const [a, b] = layer.constantFirst ? [value, x] : [x, value];
  if (layer.op === 'maximum' || layer.op === 'minimum') return `${layer.op === 'maximum' ? 'max' : 'min'}(${a}, ${b})`;
  return `${a} ${WORDS[layer.op]} ${b}`;
}

/** The operation in PyTorch on a tensor `x`: `x + 3.0`, `torch.clamp(x, min=0.0)` for a maximum. */
function torchConstantOp(layer: ConstantOpLayer, x: string): string {
  const value = pyFloat(layer.value);
  if (layer.op === 'maximum') return `torch.clamp(${x}, min=${value})`;
  if (layer.op === 'minimum') return `torch.clamp(${x}, max=${value})`;
  return pythonText(layer, x);
}

/** The class name of the operation, for the Keras code: `Add`. */
const className = (layer: ConstantOpLayer) => CONSTANT_OP_CLASSES[layer.op][0] ?? 'Add';

/**
 * A tensor and a number in one of Keras 3's operations (`x + 3.0`, `x * (1 / 6)` in MobileNetV3's hard sigmoid):
 * Keras records it as a layer of `keras.src.ops.numpy`, with nothing to learn and the tensor's shape.
 */
export const constantOp = defineLayer<ConstantOpLayer>()({
  type: 'constantOp',
  schema,
  label: 'operation with a number',
  description:
    "A tensor and a fixed number in one operation (x + 3, x × 1/6: MobileNetV3's hard sigmoid), which Keras 3 records as a layer of its own; learns nothing.",
  example: { input: [28, 28, 16], layer: { type: 'constantOp', op: 'add', value: 3 } },
  optionNotes:
    'op (add, subtract, multiply, divide, maximum, minimum, power), value (the number), constantFirst (true for 3 − x)',
  keras: {
    // Not a keras.layers class: imported by the class of its operation (Add, Multiply, …) and its module.
    classes: [],
    module: 'keras.src.ops.numpy',
    shown: 'keras.ops',
    fromConfig: () => ({}),
    code: (layer) => `${className(layer)}()`,
    callArgs: (layer, [x = 'x']) =>
      layer.constantFirst ? `${pyFloat(layer.value)}, ${x}` : `${x}, ${pyFloat(layer.value)}`,
  },
  // No module in PyTorch: arithmetic in forward.
  pytorch: () => [],
  pytorchForward: (layer, [x = 'x']) => torchConstantOp(layer, x),
  diagram: { name: 'Op', kind: 'activation' },
  describe: (layer) => constantOpText(layer, 'x'),
  apply: (layer, input) =>
    nothingLearned(
      'an operation with a number',
      input,
      `it computes ${constantOpText(layer, 'x')} for every value, with a fixed number`,
      keptShape(input),
    ),
  mistakes: () => [],
});
