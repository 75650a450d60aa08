import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({ type: k.z.literal('reuse'), layer: k.name('layer (the name of the layer whose weights are shared)') });

export type ReuseLayer = z.output<ReturnType<typeof schema>>;

/**
 * Reuse: a second (or later) call of an earlier layer, on other inputs, with the same weights
 * (a shared layer, as in a siamese network). Its parameters are counted once, at the layer itself.
 */
export const reuse = defineLayer<ReuseLayer>()({
  type: 'reuse',
  schema,
  label: 'shared layer call',
  description:
    'Applies an earlier layer again, with the same weights, to other inputs (a shared layer); its parameters are counted once, at that layer, so this call adds 0.',
  example: {
    input: [16],
    before: [{ type: 'dense', name: 'encoder', units: 16 }],
    layer: { type: 'reuse', layer: 'encoder' },
  },
  optionNotes: 'layer names the earlier layer (or nested model) whose weights it shares',
  keras: {
    // Keras writes a shared layer once, with one inbound node per call; the importer makes the later calls `reuse`.
    classes: [],
    fromConfig: () => ({}),
    code: (layer) => layer.layer,
  },
  pytorch: () => [],
  diagram: { name: 'Shared', kind: 'model' },
  describe: (layer) => `the weights of ${layer.layer}`,
  apply: (layer, _input, _convention, context) => {
    const shared = context.reapply(layer.layer);
    if (Array.isArray(shared)) return shared;
    const { index, params, outcome } = shared;
    return {
      outputShape: outcome.outputShape,
      exactShape: outcome.exactShape,
      weights: 0,
      biases: 0,
      nonTrainable: 0,
      explanation: `${layer.layer} is called again with the same weights, which were counted at layer ${index + 1} (${params}): 0 more`,
      shapeExplanation: `as ${layer.layer} gives on these inputs: ${outcome.shapeExplanation}`,
      sharedWith: index,
    };
  },
  mistakes: ({ layer, at, layers }) => {
    const shared = layers.find((l) => l.name === layer.layer);
    return shared && shared.params > 0
      ? [
          {
            code: 'shared-counted-twice',
            value: shared.params,
            message: `${shared.params} is what ${layer.layer} learns, but it was counted at layer ${shared.index + 1}: a shared layer's weights are counted once, so this call adds 0 (output ${at.outputShape.join('×')}).`,
          },
        ]
      : [];
  },
});
