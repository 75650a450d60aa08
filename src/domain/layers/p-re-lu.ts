import type { z } from 'zod';
import { product } from '../exact';
import type { SchemaKit } from '../schema/layer-kit';
import { axisNames, axisNumbering, listWords } from './internal/elementwise';
import { common } from './internal/keras-config';
import { tuple } from './internal/python';
import { isProblems } from './internal/spatial';
import { by, shapeText } from './internal/text';
import { defineLayer, type LayerProblem, type MistakeCandidate, type Shape } from './spec';
import { TORCH_HELPERS } from './internal/torch-helpers';
import { keptShape } from './internal/learns-nothing';

const schema = (k: SchemaKit) => {
  const axis = k.z.int({ error: 'each sharedAxes entry must be a whole number, an axis such as 1 (height)' });
  return k.layer({
    type: k.z.literal('pReLU'),
    sharedAxes: k.z
      .union([axis, k.z.array(axis)], {
        error: 'sharedAxes must be a list of axis numbers such as [1, 2] (height and width of an image)',
      })
      .optional(),
  });
};

export type PReLULayer = z.output<ReturnType<typeof schema>>;

const sharedList = (layer: PReLULayer) =>
  layer.sharedAxes === undefined ? [] : typeof layer.sharedAxes === 'number' ? [layer.sharedAxes] : layer.sharedAxes;

/** Which axes keep their own slopes and which share one, and the shape of the slopes (1 on shared axes). */
interface Slopes {
  shape: number[];
  kept: number[];
  shared: number[];
}

/**
 * Keras's `alpha` weight: the input's shape with 1 on every shared axis (numbered from 1, as Keras's
 * `shared_axes`), or why an entry is not an axis: `slopes({sharedAxes: [1, 2]}, [32, 32, 16]).shape → [1, 1, 16]`.
 */
function slopes(layer: PReLULayer, input: Shape): Slopes | LayerProblem[] {
  const rank = input.length;
  const entries = sharedList(layer);
  for (const [i, axis] of entries.entries()) {
    if (axis >= 1 && axis <= rank) continue;
    const path = typeof layer.sharedAxes === 'number' ? ['sharedAxes'] : ['sharedAxes', i];
    return [
      {
        path,
        message: `sharedAxes entry ${axis} is not an axis of the ${shapeText(input)} input: Keras numbers them ${axisNumbering(rank)} (0 is the batch axis, and sharedAxes does not count from the end)`,
      },
    ];
  }
  const shared = [...new Set(entries)].map((a) => a - 1).sort((a, b) => a - b);
  const kept = input.map((_, i) => i).filter((i) => !shared.includes(i));
  return { shape: input.map((size, i) => (shared.includes(i) ? 1 : size)), kept, shared };
}

const SINGULAR: Record<string, string> = { channels: 'channel', steps: 'step', values: 'value' };

/** The slopes in the lesson's words: `'one slope per channel (height and width shared): 16 = 16'`. */
function explain({ shape, kept, shared }: Slopes, input: Shape): string {
  const names = axisNames(input.length);
  const count = product(shape);
  const sharedWords = listWords(shared.map((i) => names[i] ?? `axis ${i + 1}`));
  if (kept.length === 0) {
    return input.length === 1
      ? `a single slope, shared by all ${input[0]} values: 1 = 1`
      : `a single slope (${sharedWords} shared): 1 = 1`;
  }
  const sizes = `${by(...kept.map((i) => input[i] ?? 1))} = ${count}`;
  if (shared.length === 0) return `one slope per input element (nothing shared): ${sizes}`;
  const per = kept.map((i) => SINGULAR[names[i] ?? ''] ?? names[i] ?? `axis ${i + 1}`);
  const unit = per.length === 1 && per[0] === 'channel' ? 'channel' : `${per.join(' × ')} position`;
  return `one slope per ${unit} (${sharedWords} shared): ${sizes}`;
}

/**
 * A PyTorch module for Keras's PReLU where no stock one fits (slopes kept along some spatial axes but
 * not all): one learned slope per kept position, broadcast along the shared axes (size 1 there).
 * Code export defines it once in a script that uses it, as it does `ChannelsLast`.
 */
/** The PyTorch class the code of shared-axes PReLU needs (the exported script defines it once). */
export const PRELU_SLOPES_MODULE = TORCH_HELPERS.find(({ names }) => names.includes('PReLUSlopes'))?.lines ?? [];

/**
 * PReLU: a leaky ReLU whose slope below 0 is learned, one per input element unless `sharedAxes`
 * shares them: 32×32×16 → 16,384 slopes; `sharedAxes: [1, 2]` → 16 (one per channel).
 */
export const pReLU = defineLayer<PReLULayer>()({
  type: 'pReLU',
  schema,
  label: 'PReLU',
  description:
    'A leaky ReLU whose slope for negative values is learned: one slope per input element, or per channel when sharedAxes shares them over height and width.',
  example: { input: [32, 32, 16], layer: { type: 'pReLU', sharedAxes: [1, 2] } },
  optionNotes: 'sharedAxes: axes numbered from 1 (as Keras, after the batch axis) that share one slope; default none',
  keras: {
    classes: ['PReLU'],
    fromConfig: (config) => {
      const axes = config['shared_axes'];
      return { ...(axes !== undefined && axes !== null && { sharedAxes: axes }), ...common(config) };
    },
    code: (layer) => (layer.sharedAxes === undefined ? 'PReLU()' : `PReLU(shared_axes=${tuple(sharedList(layer))})`),
  },
  // nn.PReLU(num_parameters=n) learns n slopes along dim 1 (the channels), so it is Keras's PReLU when
  // only the channels keep their own slopes; per element, it is applied to the flattened tensor, whose
  // dim 1 holds every element. Slopes kept along some spatial axes only need the small PReLUSlopes
  // module. Either way PyTorch holds the same slopes, so its count is Keras's.
  pytorch: (layer, input) => {
    const at = slopes(layer, input);
    if (isProblems(at)) return [];
    const { shape } = at;
    const channels = shape[shape.length - 1] ?? 1;
    const spatial = shape.slice(0, -1);
    if (spatial.every((s) => s === 1)) return [`nn.PReLU(num_parameters=${channels})`];
    const first = [input[input.length - 1] ?? 1, ...input.slice(0, -1)];
    if (at.shared.length === 0) {
      return [
        'nn.Flatten()',
        `nn.PReLU(num_parameters=${shape.reduce((a, b) => a * b, 1)})`,
        `nn.Unflatten(1, ${tuple(first)})`,
      ];
    }
    return [`PReLUSlopes(${tuple([channels, ...spatial])})`];
  },
  diagram: { name: 'PReLU', kind: 'activation' },
  describe: (layer) => {
    const axes = sharedList(layer);
    return axes.length === 0
      ? 'one slope per element'
      : `slopes shared along ${axes.length === 1 ? 'axis' : 'axes'} ${axes.join(', ')}`;
  },
  apply: (layer, input) => {
    const at = slopes(layer, input);
    if (isProblems(at)) return at;
    return {
      outputShape: input,
      shapeExplanation: keptShape(input),
      weights: product(at.shape),
      biases: 0,
      nonTrainable: 0,
      explanation: explain(at, input),
    };
  },
  mistakes: ({ layer, at }) => {
    const input = at.inputShape;
    const right = at.params;
    const found = slopes(layer, input);
    if (isProblems(found)) return [];
    const channels = input[input.length - 1] ?? 1;
    const elements = product(input);
    const candidates: MistakeCandidate[] = [
      {
        code: 'prelu-one-slope',
        value: 1,
        message: `PReLU learns more than one slope for the layer: ${at.explanation}.`,
      },
    ];
    if (found.shared.length === 0 && input.length > 1) {
      const names = axisNames(input.length).slice(0, -1);
      const perChannel = `[${names.map((_, i) => i + 1).join(', ')}]`;
      candidates.push({
        code: 'prelu-per-channel-not-shared',
        value: channels,
        message: `Without sharedAxes, Keras's PReLU learns one slope per input element, not one per channel (that would be sharedAxes ${perChannel}, or PyTorch's nn.PReLU(${channels})): ${by(...input)} = ${right}.`,
      });
    }
    if (found.shared.length > 0) {
      const names = axisNames(input.length);
      const sharedWords = listWords(found.shared.map((i) => names[i] ?? `axis ${i + 1}`));
      candidates.push({
        code: 'prelu-per-element-when-shared',
        value: elements,
        message: `sharedAxes [${sharedList(layer).join(', ')}] shares the slopes along the ${sharedWords} (size 1 there), so there is not one per element of the ${shapeText(input)} input: ${at.explanation}.`,
      });
    }
    return candidates;
  },
});
