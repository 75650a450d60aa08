import type { z } from 'zod';
import type { SchemaKit } from '../schema/layer-kit';
import { common, pick } from './internal/keras-config';
import { passThrough } from './internal/learns-nothing';
import { kwargs } from './internal/python';
import { comment } from './internal/torch';
import { defineLayer } from './spec';

const schema = (k: SchemaKit) => {
  const factor = (what: string) =>
    k.z
      .number({ error: `${what} must be a number` })
      .min(0, { error: `${what} must be at least 0 (a penalty factor)` })
      .optional();
  return k.layer({ type: k.z.literal('activityRegularization'), l1: factor('l1'), l2: factor('l2') });
};

export type ActivityRegularizationLayer = z.output<ReturnType<typeof schema>>;

/** Activity regularization: adds l1·Σ|x| + l2·Σx² of its outputs to the loss; learns nothing and keeps the shape: 64 → 64. */
export const activityRegularization = defineLayer<ActivityRegularizationLayer>()({
  type: 'activityRegularization',
  schema,
  label: 'activity regularization',
  description:
    'Passes its input through unchanged and adds a penalty on it (l1 · Σ|x| + l2 · Σx²) to the loss; learns nothing.',
  example: { input: [64], layer: { type: 'activityRegularization', l1: 0.01 } },
  optionNotes: 'l1, l2: penalty factors (default 0)',
  keras: {
    classes: ['ActivityRegularization'],
    fromConfig: (config) => ({ ...pick(config, ['l1', 'l2']), ...common(config) }),
    code: (layer) =>
      `ActivityRegularization(${kwargs([
        ['l1', layer.l1 ? String(layer.l1) : undefined],
        ['l2', layer.l2 ? String(layer.l2) : undefined],
      ])})`,
  },
  pytorch: (layer) => [
    comment(
      `Keras's activity penalty (l1 ${layer.l1 ?? 0}, l2 ${layer.l2 ?? 0}) is added to the loss in PyTorch; it learns nothing`,
    ),
    'nn.Identity()',
  ],
  diagram: { name: 'ActivityReg', kind: 'reshape' },
  describe: (layer) => `l1 ${layer.l1 ?? 0}, l2 ${layer.l2 ?? 0}`,
  apply: (_layer, input) =>
    passThrough(
      'activity regularization',
      input,
      'it only adds a penalty on its outputs to the loss; it has no weights',
    ),
  mistakes: () => [],
});
