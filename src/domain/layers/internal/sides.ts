// Amounts on the two sides of each spatial axis, as zero padding and cropping take them
// (Keras's `standardize_tuple` for each axis): one number for every side, one per axis, or
// [before, after] per axis. The normalised form is always [before, after] for every axis.
import type { z } from 'zod';
import type { SchemaKit } from '../../schema/layer-kit';
import { tuple } from './python';

/** One axis's two sides as the API takes them: `n` for both, or `[before, after]`. */
export type AxisSides = number | readonly [number, number];

/** Sides on every axis: one number, one entry per axis, or (1-D) the only axis's `[before, after]`. */
export type SidesOption = number | readonly AxisSides[] | undefined;

/**
 * Every axis's `[before, after]`, `fallback` on every side when absent:
 * `sides(1, 2, 0) → [[1, 1], [1, 1]]`, `sides([1, [2, 3]], 2, 0) → [[1, 1], [2, 3]]`, 1-D `sides([1, 2], 1, 0) → [[1, 2]]`.
 */
export function sides(option: SidesOption, rank: number, fallback: number): [number, number][] {
  const value = option ?? fallback;
  if (typeof value === 'number') {
    const all: [number, number][] = [];
    for (let i = 0; i < rank; i++) all.push([value, value]);
    return all;
  }
  // 1-D writes its only axis as a flat pair, as Keras does: (1, 2) is 1 before and 2 after.
  if (rank === 1 && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    return [[value[0], value[1]]];
  }
  return value.map((axis): [number, number] => (typeof axis === 'number' ? [axis, axis] : [axis[0], axis[1]]));
}

/** Normalised sides as the Python tuple Keras's `get_config` writes: `sidesTuple([[1, 1], [0, 2]]) → '((1, 1), (0, 2))'`. */
export const sidesTuple = (all: readonly (readonly [number, number])[]) =>
  all.length === 1 ? tuple(all[0] ?? [0, 0]) : tuple(all.map((axis) => tuple(axis)));

/** The forms an option of sides takes, in words, after `n`: 2-D → `', [rows, columns] or [[top, bottom], [left, right]]'`. */
const FORMS: Record<2 | 3, string> = {
  2: ', [rows, columns] or [[top, bottom], [left, right]]',
  3: ', [depth, height, width] or [[front, back], [top, bottom], [left, right]]',
};

type Pair = [number, number];
type PerAxis<R extends 2 | 3> = R extends 2
  ? [number | Pair, number | Pair]
  : [number | Pair, number | Pair, number | Pair];

/**
 * A 1-D option of sides, `n` or `[before, after]`, from 0 to `max`:
 * `sides1dOption(k, 'cropping', 65536, '[start, end]')` accepts `2` and `[1, 0]`.
 */
export function sides1dOption(k: SchemaKit, what: string, max: number, names = '[left, right]') {
  const side = k.whole(max, what, 0);
  return k.z.union([side, k.z.tuple([side, side])], {
    error: `${what} must be n or ${names} with whole numbers from 0 to ${max}`,
  });
}

/**
 * A 2-D or 3-D option of sides: `n`, one per axis, or `[before, after]` per axis (each axis either way,
 * as Keras allows), from 0 to `max`: `sidesOption(k, 3, 'padding', 1024)` accepts `1`, `[1, 2, 3]`
 * and `[[1, 1], [0, 2], [2, 0]]`.
 */
export function sidesOption<R extends 2 | 3>(k: SchemaKit, rank: R, what: string, max: number) {
  const side = k.whole(max, what, 0);
  const axis = k.z.union([side, k.z.tuple([side, side])]);
  const axes = k.z.tuple(Array.from({ length: rank }, () => axis) as [typeof axis, ...(typeof axis)[]]);
  return k.z.union([side, axes], {
    error: `${what} must be n${FORMS[rank]} with whole numbers from 0 to ${max}`,
  }) as unknown as z.ZodUnion<[typeof side, z.ZodType<PerAxis<R>>]>;
}
