import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { axisNames } from './internal/elementwise';
import { activation, common, pick } from './internal/keras-config';
import { weightAndBiasMistakes } from './internal/conv';
import { activationArg, biasArg, kwargs } from './internal/python';
import { biasText, noBiasNote, plural, shapeText } from './internal/text';
import { product } from '../exact';
import { defineLayer, type LayerFacts, type MistakeCandidate } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('dense'),
    units: k.units,
    useBias: k.useBias.optional(),
    activation: k.activation.optional(),
  });

export type DenseLayer = z.output<ReturnType<typeof schema>>;

/** The nearest 3-D tensor before layer `index`, walking back through flatten and friends. */
function lastSpatialShape(layers: readonly LayerFacts[], input: readonly number[], index: number): readonly number[] {
  for (let i = index; i >= 0; i--) {
    const shape = layers[i]?.inputShape;
    if (shape?.length === 3) return shape;
  }
  return input;
}

/** Dense: every input connects to every unit, on the last axis only (Keras); `inputs × units + units`. */
export const dense = defineLayer<DenseLayer>()({
  type: 'dense',
  schema,
  label: 'dense',
  description:
    'Connects every input to every unit, one bias per unit; on a tensor of rank above 1 it acts on the last axis only, as in Keras.',
  example: { input: [1200], layer: { type: 'dense', units: 2 } },
  optionNotes: 'on a tensor of rank above 1 it acts on the last axis, as in Keras',
  keras: {
    classes: ['Dense'],
    fromConfig: (config) => ({ ...pick(config, ['units', 'useBias']), ...activation(config), ...common(config) }),
    code: (layer) =>
      `Dense(${kwargs([
        ['units', String(layer.units)],
        ['use_bias', biasArg(layer.useBias)],
        ['activation', activationArg(layer.activation)],
      ])})`,
  },
  pytorch: (layer, input) => {
    const c = input[input.length - 1] ?? 1;
    const bias = layer.useBias === false ? ', bias=False' : '';
    // PyTorch keeps channels second; Keras's dense acts on the last axis, so move it there and back.
    return input.length > 1
      ? ['ChannelsLast()', `nn.Linear(${c}, ${layer.units}${bias})`, 'ChannelsFirst()']
      : [`nn.Linear(${c}, ${layer.units}${bias})`];
  },
  diagram: { name: 'Dense', kind: 'dense' },
  describe: (layer) =>
    [
      plural(layer.units, 'unit', 'units'),
      ...(layer.useBias === false ? ['no bias'] : []),
      ...(layer.activation !== undefined && layer.activation !== 'linear' ? [`activation ${layer.activation}`] : []),
    ].join(', '),
  apply: (layer, input) => {
    const inputs = input[input.length - 1] ?? 1;
    const units = layer.units;
    const useBias = layer.useBias ?? true;
    const weights = inputs * units;
    const biases = useBias ? units : 0;
    const lastAxis =
      input.length > 1
        ? ` (the last axis of ${shapeText(input)}: without a flatten, Keras applies dense to each position separately)`
        : '';
    const outputShape = input.slice(0, -1).concat(units);
    return {
      outputShape,
      weights,
      biases,
      nonTrainable: 0,
      explanation: `${plural(inputs, 'input', 'inputs')}${lastAxis} × ${plural(units, 'unit', 'units')}${biasText(biases, useBias)} = ${weights + biases}${noBiasNote(useBias)}`,
      shapeExplanation:
        input.length > 1
          ? `dense acts on the last axis only: its ${inputs} values become ${plural(units, 'unit', 'units')}, the other axes are kept: ${shapeText(input)} → ${shapeText(outputShape)}`
          : `the ${plural(inputs, 'input', 'inputs')} become ${plural(units, 'unit', 'units')}: ${shapeText(outputShape)}`,
    };
  },
  mistakes: ({ at, input, layers }) => {
    const inputs = at.inputShape[at.inputShape.length - 1] ?? 1;
    const units = at.outputShape[at.outputShape.length - 1] ?? 1;
    const b = at.biases;
    const right = at.params;
    const candidates: MistakeCandidate[] = weightAndBiasMistakes(at.weights, b, 'unit', units);
    if (at.inputShape.length > 1) {
      const flat = product(at.inputShape);
      candidates.push({
        code: 'dense-flattened-without-flatten',
        value: flat * units + b,
        message: `There is no flatten before this layer, so Keras applies it to the last axis only: its inputs are the ${inputs} channels, not ${at.inputShape.join('×')} = ${flat}: ${inputs} × ${units} + ${b} = ${right}.`,
      });
      return candidates;
    }
    const spatial = lastSpatialShape(layers, input, at.index);
    if (spatial.length !== 3 || input.length !== 3) return candidates;
    const [, , c] = spatial as [number, number, number];
    const [h0, w0, c0] = input as [number, number, number];
    candidates.push({
      code: 'dense-channels-only',
      value: c * units + b,
      message: `You used only the ${c} channels as inputs (that is what a dense layer without flatten would see); after flattening, its inputs are height × width × channels = ${inputs}: ${inputs} × ${units} + ${b} = ${right}.`,
    });
    for (const size of new Set([h0 * w0 * c, h0 * w0 * c0])) {
      if (size === inputs) continue;
      candidates.push({
        code: 'dense-input-image-size',
        value: size * units + b,
        message: `You flattened the ${h0}×${w0} input image, but the layers before this one (valid padding, strides or pooling) changed the size: the flattened tensor has ${inputs} values, so ${inputs} × ${units} + ${b} = ${right}.`,
      });
    }
    return candidates;
  },
  shapeMistakes: ({ layer, input, shapeExplanation }) => {
    if (input.length < 2) return [];
    const units = layer.units;
    const names = axisNames(input.length);
    const last = input[input.length - 1] ?? 1;
    return [
      {
        code: 'dense-wrong-axis' as const,
        shape: [units],
        message: `A dense layer does not flatten: without a flatten before it, Keras applies it to the last axis only and keeps the others: ${shapeExplanation}.`,
      },
      ...input.slice(0, -1).map((size, axis) => ({
        code: 'dense-wrong-axis' as const,
        shape: input.map((d, i) => (i === axis ? units : d)),
        message: `You replaced the ${names[axis]} (${size}); dense replaces the last axis, the ${last} ${names[input.length - 1]}: ${shapeExplanation}.`,
      })),
    ];
  },
});
