import type { z } from 'zod';
import { exactProduct, isExactBigInt } from '../exact';
import type { SchemaKit } from '../schema/layer-kit';
import { listText } from './internal/list-text';
import { common } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { tuple } from './internal/python';
import { shapeText } from './internal/text';
import { channelsFirst } from './internal/torch';
import { defineLayer } from './spec';

/** Learnable's tensors have 1 to 4 axes besides the batch, like its inputs. */
const MAX_AXES = 4;

const schema = (k: SchemaKit) => {
  const message = 'each targetShape size must be a whole number of at least 1, or -1 for the one size Keras works out';
  const size = k.z
    .int({ error: message })
    .refine((s) => s === -1 || s >= 1, { error: message })
    .meta({ description: 'a size of at least 1, or -1 for the one size worked out' });
  return k.layer({
    type: k.z.literal('reshape'),
    targetShape: k.z
      .array(size, { error: 'targetShape must be a list of sizes such as [7, 7, 48] (the batch axis left out)' })
      .min(1, { error: 'targetShape must list at least one size' })
      .max(MAX_AXES, { error: `targetShape may list at most ${MAX_AXES} sizes (the batch axis left out)` })
      .superRefine((sizes, context) => {
        const unknown = sizes.flatMap((s, i) => (s === -1 ? [i] : []));
        for (const i of unknown.slice(1)) {
          context.addIssue({
            code: 'custom',
            path: [i],
            message: `targetShape ${listText(sizes)} has ${unknown.length} sizes of -1; Keras works out one at most, so write all the others out`,
          });
        }
      }),
  });
};

export type ReshapeLayer = z.output<ReturnType<typeof schema>>;

/** A product with its factors when there is more than one, exactly: `worked([10, 10]) → '10 × 10 = 100'`. */
const worked = (values: readonly number[]) =>
  values.length > 1 ? `${values.join(' × ')} = ${exactProduct(values)}` : String(exactProduct(values));

/** Reshape: lays the same values out in `targetShape`, one size may be -1; learns nothing: `[-1, 48]` on 7×7×48 → 49×48. */
export const reshape = defineLayer<ReshapeLayer>()({
  type: 'reshape',
  schema,
  label: 'reshape',
  description:
    'Lays the same values out in a new shape (one size may be -1, worked out from the rest); learns nothing.',
  example: { input: [12], layer: { type: 'reshape', targetShape: [3, 4] } },
  optionNotes: 'targetShape: the new sizes without the batch axis; one may be -1 (worked out)',
  keras: {
    classes: ['Reshape'],
    // Read as written: `pick` would shorten a square [7, 7] to 7.
    fromConfig: (config) => ({
      ...(config['target_shape'] !== undefined &&
        config['target_shape'] !== null && { targetShape: config['target_shape'] }),
      ...common(config),
    }),
    code: (layer) => `Reshape(target_shape=${tuple(layer.targetShape)})`,
  },
  // PyTorch keeps channels first, so its tensor of Keras's new shape is that shape with channels first.
  // (The values are laid out in PyTorch's order, not Keras's; shapes and counts agree.)
  pytorch: (layer, input) => {
    const size = input.reduce((a, b) => a * b, 1);
    const known = layer.targetShape.filter((s) => s !== -1).reduce((a, b) => a * b, 1);
    const out = channelsFirst(layer.targetShape.map((s) => (s === -1 ? size / known : s)));
    if (out.length === 1) return input.length === 1 ? ['nn.Identity()'] : ['nn.Flatten()'];
    return [...(input.length === 1 ? [] : ['nn.Flatten()']), `nn.Unflatten(1, ${tuple(out)})`];
  },
  diagram: { name: 'Reshape', kind: 'reshape' },
  describe: (layer) =>
    `to ${layer.targetShape.map((s) => (s === -1 ? '?' : s)).join('×')}${layer.targetShape.includes(-1) ? ' (? worked out)' : ''}`,
  apply: (layer, input) => {
    // Reshape compares and divides products that may pass 2^53 − 1 unchecked (the network's input may hold up to
    // 2^64 values, and targetShape's sizes multiply freely), so it works them exactly, as BigInts.
    const size = exactProduct(input);
    const known = layer.targetShape.filter((s) => s !== -1);
    const held = exactProduct(known);
    const values =
      input.length > 1 ? `the ${shapeText(input)} input has ${worked(input)} values` : `the input has ${size} values`;
    const target = `targetShape ${listText(layer.targetShape)}`;
    if (!layer.targetShape.includes(-1)) {
      if (held !== size) {
        return [
          {
            path: ['targetShape'],
            message: `a reshape keeps every value, but ${values} and ${target} holds ${worked(known)}; choose sizes whose product is ${size}, or -1 for one of them`,
          },
        ];
      }
      return nothingLearned(
        'reshape',
        known,
        `it only lays the ${size} values of the ${shapeText(input)} tensor out as ${shapeText(known)}`,
        `the same ${input.length > 1 ? worked(input) : size} values laid out as targetShape: ${worked(known)}, so ${shapeText(known)}`,
      );
    }
    if (size % held !== 0n) {
      return [
        {
          path: ['targetShape'],
          message: `${target} cannot hold the same values: ${values}, and the sizes other than -1 make ${worked(known)}, which does not divide ${size} (${size} = ${size / held} × ${held} + ${size % held}); choose sizes whose product divides ${size}`,
        },
      ];
    }
    const inferred = size / held;
    const exact = layer.targetShape.map((s) => (s === -1 ? inferred : BigInt(s)));
    const out = exact.map(Number);
    return nothingLearned(
      'reshape',
      out,
      `it only lays the ${size} values of the ${shapeText(input)} tensor out as ${exact.join('×')}, the -1 being ${size} ÷ ${held} = ${inferred}`,
      `the same ${input.length > 1 ? worked(input) : size} values laid out as targetShape ${listText(layer.targetShape)}, the -1 being ${size} ÷ ${held} = ${inferred}: ${exact.join('×')}`,
      isExactBigInt(inferred) ? undefined : exact,
    );
  },
  mistakes: () => [],
});
