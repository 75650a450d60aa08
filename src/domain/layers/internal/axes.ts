/** An n-D option as the API takes it: one number for every axis, or one per axis. */
export type AxesOption = number | readonly number[] | undefined;

/** Every axis of an n-D option, `fallback` when absent: `axes(3, 2, 1) → [3, 3]`, `axes([3, 5], 2, 1) → [3, 5]`. */
export function axes(option: AxesOption, rank: number, fallback: number): readonly number[] {
  if (typeof option === 'object') return option;
  const value = option ?? fallback;
  const all: number[] = [];
  for (let i = 0; i < rank; i++) all.push(value);
  return all;
}
