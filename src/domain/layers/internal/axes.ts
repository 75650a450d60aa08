/** An n-D option as the API takes it: one number for every axis, or one per axis. */
export type AxesOption = number | readonly number[] | undefined;

/** Every axis of an n-D option, `fallback` when absent: `axes(3, 2, 1) → [3, 3]`, `axes([3, 5], 2, 1) → [3, 5]`. */
export function axes(option: AxesOption, rank: number, fallback: number): number[] {
  if (option === undefined) return Array.from({ length: rank }, () => fallback);
  if (typeof option === 'number') return Array.from({ length: rank }, () => option);
  return [...option];
}

/** The same as BigInts, for exact arithmetic: `bigAxes([3, 5], 2, 1) → [3n, 5n]`. */
export function bigAxes(option: AxesOption, rank: number, fallback: number): bigint[] {
  return axes(option, rank, fallback).map(BigInt);
}
