import type { z } from 'zod';
import { kerasActivationName, type Activation } from '../activations';
import type { SchemaKit } from '../schema/layer-kit';
import { activation as kerasActivation, common } from './internal/keras-config';
import { nothingLearned, passThrough } from './internal/learns-nothing';
import { shapeText } from './internal/text';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) => k.layer({ type: k.z.literal('activation'), activation: k.activation });

export type ActivationLayer = z.output<ReturnType<typeof schema>>;

/**
 * The PyTorch module for each Keras activation (channels first, so Keras's last axis is `dim=1`), with
 * Keras 3's defaults (its `gelu` is the tanh approximation, its `leaky_relu` slope 0.2); none where
 * PyTorch has no module, or for `linear`, which does nothing. None of them has parameters.
 */
const TORCH: Record<Activation, string | undefined> = {
  linear: undefined,
  relu: 'nn.ReLU()',
  relu6: 'nn.ReLU6()',
  sigmoid: 'nn.Sigmoid()',
  hard_sigmoid: 'nn.Hardsigmoid()',
  hardSigmoid: 'nn.Hardsigmoid()',
  softmax: 'nn.Softmax(dim=1)',
  log_softmax: 'nn.LogSoftmax(dim=1)',
  logSoftmax: 'nn.LogSoftmax(dim=1)',
  softplus: 'nn.Softplus()',
  softsign: 'nn.Softsign()',
  tanh: 'nn.Tanh()',
  elu: 'nn.ELU()',
  selu: 'nn.SELU()',
  swish: 'nn.SiLU()',
  silu: 'nn.SiLU()',
  gelu: 'nn.GELU(approximate="tanh")',
  gelu_new: 'nn.GELU(approximate="tanh")',
  mish: 'nn.Mish()',
  exponential: undefined,
  leaky_relu: 'nn.LeakyReLU(0.2)',
  hard_silu: 'nn.Hardswish()',
  hard_swish: 'nn.Hardswish()',
  celu: 'nn.CELU()',
  glu: 'nn.GLU(dim=1)',
  hard_tanh: 'nn.Hardtanh()',
  log_sigmoid: 'nn.LogSigmoid()',
  sparse_plus: undefined,
  soft_shrink: 'nn.Softshrink(0.5)',
  sparsemax: undefined,
  squareplus: undefined,
  tanh_shrink: 'nn.Tanhshrink()',
  hard_shrink: 'nn.Hardshrink(0.5)',
  threshold: undefined,
};

/** Activations that look at the whole last axis at once rather than at each value on its own. */
const ACROSS_LAST_AXIS: ReadonlySet<Activation> = new Set(['softmax', 'log_softmax', 'logSoftmax', 'sparsemax']);

/**
 * An activation layer: applies a named function (`relu`, `softmax`, …) to its input; learns nothing.
 * `{activation: 'relu'}` on 20×20×2 → 20×20×2, 0 parameters.
 */
export const activation = defineLayer<ActivationLayer>()({
  type: 'activation',
  schema,
  label: 'activation',
  description:
    'Applies an activation function such as relu or softmax to its input; a function, not a layer with weights, so it learns nothing.',
  example: { input: [20, 20, 2], layer: { type: 'activation', activation: 'relu' } },
  optionNotes: 'activation: a Keras activation name such as "relu", "sigmoid" or "softmax"',
  keras: {
    classes: ['Activation'],
    fromConfig: (config) => ({ ...kerasActivation(config, true), ...common(config) }),
    code: (layer) => `Activation(activation=${JSON.stringify(kerasActivationName(layer.activation))})`,
  },
  pytorch: (layer) => {
    const module = TORCH[layer.activation];
    return module === undefined ? [] : [module];
  },
  diagram: { name: 'Activation', kind: 'activation' },
  describe: (layer) => layer.activation,
  apply: (layer, input) => {
    const name = layer.activation;
    if (name === 'glu') {
      // glu splits the last axis in two halves and gates one with the other, so the tensor really
      // halves (Keras's Activation layer reports the input shape, but the next layer sees the half).
      const last = input[input.length - 1] ?? 1;
      if (last % 2 !== 0) {
        return [
          {
            path: ['activation'],
            message: `glu splits the last axis into two halves, but the ${shapeText(input)} input has ${last} there, an odd number; give it an even size`,
          },
        ];
      }
      const out = [...input.slice(0, -1), last / 2];
      return nothingLearned(
        'activation',
        out,
        `glu gates one half of the last axis with the other, so ${last} values become ${last / 2}`,
        `glu halves the last axis: ${last} ÷ 2 = ${last / 2}, so ${shapeText(out)}`,
      );
    }
    const how = ACROSS_LAST_AXIS.has(name) ? 'across the last axis' : 'to each value on its own';
    return passThrough('activation', input, `it only applies ${name} ${how}`);
  },
  mistakes: () => [],
});
