// Keras's `axis` options (normalizations, Normalization, UnitNormalization) count the batch axis
// as 0, so on a 32×32×16 input axis 3 and axis -1 both name the 16 channels.
import { product } from '../../exact';
import type { SchemaKit } from '../../schema/layer-kit';
import type { LayerProblem, Shape } from '../spec';
import { by, shapeText } from './text';

/** An axis option as the API takes it: one Keras axis or a list of them. */
export type AxisOption = number | readonly number[] | undefined;

// Inputs have at most 4 axes besides the batch axis, so Keras's axes run from -5 to 4.
const LOWEST = -5;
const HIGHEST = 4;

/**
 * The schema of an `axis` option: one whole number or a list of them (Keras numbering);
 * `allowEmpty` accepts `[]`, Keras's `axis=None` (one value for the whole tensor).
 */
export function axisSchema(k: SchemaKit, allowEmpty = false) {
  const one = k.z
    .int({ error: 'axis must be a whole number (Keras numbers the batch axis 0; -1, the last axis, is the default)' })
    .min(LOWEST, { error: `axis must be at least ${LOWEST}` })
    .max(HIGHEST, { error: `axis must be at most ${HIGHEST}` });
  const list = k.z
    .array(one, { error: 'axis must be a whole number or a list of them' })
    .max(HIGHEST - LOWEST + 1, { error: 'axis lists each axis at most once' });
  return k.z.union([one, allowEmpty ? list : list.min(1, { error: 'axis must list at least one axis' })], {
    error: 'axis must be a whole number such as -1, or a list of them such as [1, 2, 3]',
  });
}

/** Keras writes an axis list; one axis reads best as a number (`[3]` → `3`), the rest stays a list. */
export const compactAxis = (value: unknown): unknown => (Array.isArray(value) && value.length === 1 ? value[0] : value);

/** The option as a list of Keras axes: `axisList(undefined) → [-1]`, `axisList(3) → [3]`. */
export const axisList = (option: AxisOption): number[] =>
  option === undefined ? [-1] : typeof option === 'number' ? [option] : [...option];

/** The option as Keras shows it: `axisText(-1) → '-1'`, `axisText([1, 2]) → '[1, 2]'`. */
export const axisText = (option: AxisOption): string =>
  typeof option === 'object' ? `[${option.join(', ')}]` : String(option ?? -1);

/**
 * Where each Keras axis falls in an input without the batch axis, sorted, or why it does not:
 * `featureAxes([1, -1], [32, 32, 16]) → [0, 2]` (height and channels).
 * The batch axis is refused unless `batch` is true (Keras can only size it for a whole batch).
 */
export function featureAxes(option: AxisOption, input: Shape, batch = false): number[] | LayerProblem[] {
  const dims = input.length + 1;
  const seen = new Set<number>();
  for (const [i, axis] of axisList(option).entries()) {
    const at = typeof option === 'object' ? ['axis', i] : ['axis'];
    const canonical = axis < 0 ? axis + dims : axis;
    if (canonical < 0 || canonical >= dims || (canonical === 0 && !batch)) {
      const range = batch ? `0 (the batch) to ${input.length}` : `1 to ${input.length}`;
      return [
        {
          path: at,
          message: `axis ${axis} is not ${batch ? 'an' : 'a feature'} axis of the ${shapeText(input)} input (Keras numbers the batch axis 0: use ${range}, or -1 for the last)`,
        },
      ];
    }
    if (seen.has(canonical)) {
      return [{ path: at, message: `axis ${axis} names axis ${canonical} a second time; list each axis once` }];
    }
    seen.add(canonical);
  }
  return [...seen].sort((a, b) => a - b).map((a) => a - 1);
}

/**
 * The sizes of those axes and their product: `axesSize([0, 2], [32, 32, 16]) → {sizes: [32, 16], total: 512}`
 * (formed by ×: a count built on it is checked, see `exact.ts`).
 */
export function axesSize(axes: readonly number[], input: Shape) {
  const sizes = axes.map((a) => input[a] ?? 1);
  return { sizes, total: product(sizes) };
}

/** How many values a set of axes spans, in words: `'16'` or `'32×32×16 = 16384'`. */
export const spanText = (sizes: readonly number[], total: number) =>
  sizes.length === 1 ? String(total) : sizes.length === 0 ? '1' : `${by(...sizes)} = ${total}`;
