import type { LayerProblem, Shape } from '../spec';
import { article, shapeText } from './text';

/** Channels last (Keras's default) or first; a spatial layer's `dataFormat`. */
export type DataFormat = 'channels_last' | 'channels_first';

/** Names of a rank's axes, in the order a channels-last shape lists them. */
export const AXIS_NAMES: Record<number, string> = {
  1: 'steps × channels',
  2: 'height × width × channels',
  3: 'depth × height × width × channels',
};

/** The spatial axes' names, in a channels-last shape's order: `SPATIAL_AXES[2] → ['height', 'width']`. */
export const SPATIAL_AXES: Record<number, readonly string[]> = {
  1: ['length'],
  2: ['height', 'width'],
  3: ['depth', 'height', 'width'],
};

/**
 * Worked sizes along each spatial axis, one phrase for axes worked alike:
 * `axesWork(['⌈15 / 2⌉ = 8', '⌈16 / 2⌉ = 8']) → 'height ⌈15 / 2⌉ = 8, width ⌈16 / 2⌉ = 8'`,
 * `axesWork(['20 × 2 = 40', '20 × 2 = 40']) → 'height and width 20 × 2 = 40'`.
 */
export function axesWork(steps: readonly string[]): string {
  const names = SPATIAL_AXES[steps.length] ?? steps.map((_, i) => `axis ${i + 1}`);
  if (steps.length > 1 && steps.every((step) => step === steps[0])) {
    return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} ${steps[0]}`;
  }
  return steps.map((step, i) => `${names[i]} ${step}`).join(', ');
}

/** A tensor split into its spatial axes and its channels, and how to put a new one together. */
export interface SpatialInput {
  axes: readonly number[];
  channels: number;
  /** The output shape in the same data format: `shape([9, 9], 4) → [9, 9, 4]` (BigInts for an exact shape past 2^53 − 1). */
  shape: <T extends number | bigint>(axes: readonly T[], channels: T) => T[];
}

/**
 * Splits an input of `rank` spatial axes (plus channels) or says why it does not fit:
 * `spatialInput('convolution', 2, [20, 20, 3]) → {axes: [20, 20], channels: 3, …}`.
 */
export function spatialInput(
  label: string,
  rank: number,
  input: Shape,
  dataFormat: DataFormat = 'channels_last',
): SpatialInput | LayerProblem[] {
  if (input.length === rank + 1) {
    const first = dataFormat === 'channels_first';
    const channels = (first ? input[0] : input[input.length - 1]) ?? 1;
    const axes = first ? input.slice(1) : input.slice(0, -1);
    return { axes, channels, shape: first ? channelsFirst : channelsLast };
  }
  const needs = `${article(label)} ${label} layer needs a ${AXIS_NAMES[rank]} input`;
  const message =
    input.length === 1
      ? `${needs}, but the tensor is already flat (${shapeText(input)}); move it before the flatten or global pooling layer`
      : `${needs}, but the tensor is ${shapeText(input)} (${AXIS_NAMES[input.length - 1] ?? `${input.length} axes`})`;
  return [{ path: ['type'], message }];
}

const channelsLast = <T>(out: readonly T[], c: T): T[] => out.concat(c);
const channelsFirst = <T>(out: readonly T[], c: T): T[] => [c].concat(out);

/** Whether `applyLayer`-style helpers returned problems instead of a value. */
export const isProblems = (value: unknown): value is LayerProblem[] =>
  Array.isArray(value) && typeof value[0] === 'object' && value[0] !== null && 'message' in value[0];
