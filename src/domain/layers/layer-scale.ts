import type { z } from 'zod';
import { LIMITS } from '../limits';
import type { SchemaKit } from '../schema/layer-kit';
import { common } from './internal/keras-config';
import { broadcast } from './internal/merge';
import { keptShape } from './internal/learns-nothing';
import { kwargs } from './internal/python';
import { plural, shapeText } from './internal/text';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) =>
  k.layer({
    type: k.z.literal('layerScale'),
    projectionDim: k.whole(LIMITS.maxUnits, 'projectionDim'),
    initValues: k.z.number({ error: 'initValues must be a number, such as 1e-6' }).optional(),
  });

export type LayerScaleLayer = z.output<ReturnType<typeof schema>>;

/** ConvNeXt starts every scale at 1e-6, so that a new block adds almost nothing at first. */
const DEFAULT_INIT = 1e-6;

/**
 * Layer scale (ConvNeXt's `LayerScale`): multiplies each channel by a learned scale γ of its own,
 * `projectionDim` of them; 96 on a 56×56×96 input. Keras broadcasts γ against the last axis.
 */
export const layerScale = defineLayer<LayerScaleLayer>()({
  type: 'layerScale',
  schema,
  label: 'layer scale',
  description:
    'Multiplies each channel by a learned scale of its own (ConvNeXt, after each block, started at 1e-6); learns one number per channel, projectionDim of them.',
  example: {
    input: [56, 56, 96],
    layer: { type: 'layerScale', projectionDim: 96, initValues: 1e-6 },
  },
  optionNotes:
    'projectionDim (required: the channels it scales, one γ each), initValues (γ at the start, default 1e-6)',
  keras: {
    classes: ['LayerScale'],
    // Not in keras.layers: Keras keeps it with the model that uses it.
    module: 'keras.src.applications.convnext',
    fromConfig: (config) => ({
      ...(typeof config['projection_dim'] === 'number' && { projectionDim: config['projection_dim'] }),
      ...(typeof config['init_values'] === 'number' && { initValues: config['init_values'] }),
      ...common(config),
    }),
    code: (layer) =>
      `LayerScale(${kwargs([
        ['init_values', String(layer.initValues ?? DEFAULT_INIT)],
        ['projection_dim', String(layer.projectionDim)],
      ])})`,
  },
  // torchvision's ConvNeXt keeps it as a parameter of its block (layer_scale, [C, 1, 1]): a helper module here.
  pytorch: (layer, input) => [
    `LayerScale(${layer.projectionDim}, ${layer.initValues ?? DEFAULT_INIT}, ${Math.max(0, input.length - 1)})`,
  ],
  diagram: { name: 'LayerScale', kind: 'norm' },
  describe: (layer) => `${plural(layer.projectionDim, 'scale', 'scales')}, one per channel`,
  apply: (layer, input) => {
    const channels = input[input.length - 1] ?? 1;
    const dim = layer.projectionDim;
    const shape = broadcast(input, [dim]);
    if (!shape) {
      return [
        {
          path: ['projectionDim'],
          message: `projectionDim (${dim}) must be the number of channels, the last axis of the ${shapeText(input)} input (${channels}): each channel is multiplied by a scale of its own`,
        },
      ];
    }
    const per =
      dim === channels
        ? `one for each of the ${plural(channels, 'channel', 'channels')}`
        : 'one shared by every channel';
    return {
      outputShape: shape,
      weights: dim,
      biases: 0,
      nonTrainable: 0,
      explanation: `layer scale learns ${plural(dim, 'scale', 'scales')} γ, ${per}: ${dim}`,
      // One scale per channel, or one for all, keeps the shape; more scales than one channel stretch it.
      shapeExplanation:
        dim === channels || dim === 1
          ? keptShape(input)
          : `the ${dim} scales stretch the one channel to ${dim}: ${shapeText(shape)}`,
    };
  },
  mistakes: () => [],
});
