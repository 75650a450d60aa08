import { specOf } from './layers';
import type { Convention, LayerOutcome, LayerProblem, Shape } from './layers/spec';
import type { Layer } from './schema/network';

export type { Convention, LayerOutcome, LayerProblem, Shape } from './layers/spec';

/** Whether two shapes are the same, axis by axis: `sameShape([13, 14, 8], [13, 14, 8]) → true`. */
export function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Applies one layer, on its own, to an input shape (a merge to all of `inputs`):
 * `applyLayer({type: 'flatten'}, [2, 2, 3]).outputShape → [12]`.
 */
export function applyLayer(
  layer: Layer,
  input: Shape,
  convention: Convention = 'keras',
  inputs: readonly Shape[] = [input],
): LayerOutcome | LayerProblem[] {
  const alone = (): LayerProblem[] => [{ path: [], message: 'this layer needs the network around it' }];
  return specOf(layer).apply(layer, input, convention, { inputs, reapply: alone, analyze: alone });
}
