import type { z } from 'zod';
import { exactProduct, isExact, product } from '../exact';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { nothingLearned } from './internal/learns-nothing';
import { shapeText } from './internal/text';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) => k.layer({ type: k.z.literal('flatten'), dataFormat: k.dataFormat.optional() });

export type FlattenLayer = z.output<ReturnType<typeof schema>>;

/** Flatten: lays a tensor of any rank out as one vector of all its values; learns nothing. */
export const flatten = defineLayer<FlattenLayer>()({
  type: 'flatten',
  schema,
  label: 'flatten',
  description: 'Lays a tensor out as one vector of all its values (height × width × channels); learns nothing.',
  example: { input: [4, 2, 14], layer: { type: 'flatten' } },
  keras: {
    classes: ['Flatten'],
    fromConfig: (config) => common(config, true),
    code: () => 'Flatten()',
  },
  // Keras flattens height, width, channels in that order; PyTorch channels first. Counts agree.
  pytorch: (_layer, input) => (input.length === 1 ? [] : ['nn.Flatten()']),
  diagram: { name: 'Flatten', kind: 'reshape' },
  describe: () => 'to one vector',
  apply: (layer, input) => {
    const size = product(input);
    const worked = input.length > 1 ? `${input.join(' × ')} = ${size}` : `already flat, ${size}`;
    return nothingLearned(
      layer.type,
      [size],
      `it only lays the ${shapeText(input)} tensor out as ${size} values`,
      `every value in one vector: ${worked}`,
      // The network's input may hold more than 2^53 − 1 values: the refusal that follows quotes them exactly.
      isExact(size) ? undefined : [exactProduct(input)],
    );
  },
  mistakes: () => [],
  shapeMistakes: ({ layer, input, shapeExplanation }) => {
    if (input.length < 2) return [];
    // The channels are the last axis, or the first in channels_first.
    const at = layer.dataFormat === 'channels_first' ? 0 : input.length - 1;
    const channels = input[at] ?? 1;
    const others = input.filter((_, i) => i !== at);
    return [
      {
        code: 'flatten-without-channels',
        shape: [product(others)],
        message: `You multiplied ${others.join(' × ')} and left out the ${channels} channels; flatten lays out every value, each channel's too: ${shapeExplanation}.`,
      },
    ];
  },
});
