import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { listText } from './internal/list-text';
import { common } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { tuple } from './internal/python';
import { shapeText } from './internal/text';
import { inlineModule, torchPermutation } from './internal/torch';
import { defineLayer } from './spec';

/** Learnable's tensors have 1 to 4 axes besides the batch. */
const MAX_AXES = 4;

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('permute'),
    dims: k.z
      .array(k.whole(MAX_AXES, 'each of dims'), {
        error: 'dims must be a list of axis numbers such as [2, 1] (Keras numbers the axes from 1, the batch left out)',
      })
      .min(1, { error: 'dims must list at least one axis' })
      .max(MAX_AXES, { error: `dims may list at most ${MAX_AXES} axes (the batch axis left out)` })
      .superRefine((dims, context) => {
        const expected = Array.from({ length: dims.length }, (_, i) => i + 1);
        const missing = expected.filter((d) => !dims.includes(d));
        if (missing.length === 0) return;
        const repeated = [...new Set(dims.filter((d, i) => dims.indexOf(d) !== i))];
        const wrong = [
          ...(repeated.length > 0 ? [`repeats ${repeated.join(', ')}`] : []),
          ...dims.filter((d) => d > dims.length).map((d) => `has ${d}, past ${dims.length}`),
        ];
        context.addIssue({
          code: 'custom',
          message: `dims ${listText(dims)} is not a permutation: it ${[...new Set(wrong)].join(' and ')} and leaves out ${missing.join(', ')}; list each of ${expected.join(', ')} once (Keras numbers the axes from 1, the batch left out)`,
        });
      }),
  });

export type PermuteLayer = z.output<ReturnType<typeof schema>>;

/** Permute: reorders the axes (Keras numbering from 1, batch left out); learns nothing: `[2, 1]` on 10×64 → 64×10. */
export const permute = defineLayer<PermuteLayer>()({
  type: 'permute',
  schema,
  label: 'permute',
  description: 'Reorders the axes of its input (dims numbers them from 1, the batch left out); learns nothing.',
  example: { input: [10, 64], layer: { type: 'permute', dims: [2, 1] } },
  optionNotes: 'dims: each axis number 1 … rank once, e.g. [2, 1] swaps steps and channels',
  keras: {
    classes: ['Permute'],
    // Read as written: `pick` would shorten a list whose numbers agree.
    fromConfig: (config) => ({
      ...(config['dims'] !== undefined && config['dims'] !== null && { dims: config['dims'] }),
      ...common(config),
    }),
    code: (layer) => `Permute(dims=${tuple(layer.dims)})`,
  },
  // PyTorch has no permute module, and keeps channels (Keras's last axis) first: the same move of axes in its order.
  pytorch: (layer) =>
    layer.dims.length === 1
      ? ['nn.Identity()']
      : [inlineModule('Permute', `x.permute${tuple(torchPermutation(layer.dims))}`)],
  diagram: { name: 'Permute', kind: 'reshape' },
  describe: (layer) => `axes in order ${tuple(layer.dims)}`,
  apply: (layer, input) => {
    if (layer.dims.length !== input.length) {
      const all = Array.from({ length: input.length }, (_, i) => i + 1);
      return [
        {
          path: ['dims'],
          message: `dims ${listText(layer.dims)} orders ${layer.dims.length} axes, but the ${shapeText(input)} input has ${input.length}; list each of ${all.join(', ')} once (Keras numbers the axes from 1, the batch left out)`,
        },
      ];
    }
    const out = layer.dims.map((d) => input[d - 1] ?? 1);
    const moved = layer.dims.map((d) => `axis ${d} (${input[d - 1]})`).join(', ');
    return nothingLearned(
      'permute',
      out,
      `it only reorders the axes: ${shapeText(input)} → ${shapeText(out)}`,
      `dims ${listText(layer.dims)} takes ${moved} in that order: ${shapeText(input)} → ${shapeText(out)}`,
    );
  },
  mistakes: () => [],
});
