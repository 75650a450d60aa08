import { specOf } from './layers';
import type { Convention, LayerOutcome, LayerProblem, Shape } from './layers/spec';
import type { Layer } from './schema/network';

export type { Convention, LayerOutcome, LayerProblem, Shape } from './layers/spec';

/** Applies one layer, on its own, to an input shape: `applyLayer({type: 'flatten'}, [2n, 2n, 3n]).outputShape → [12n]`. */
export function applyLayer(
  layer: Layer,
  input: Shape,
  convention: Convention = 'keras',
): LayerOutcome | LayerProblem[] {
  const alone = (): LayerProblem[] => [{ path: [], message: 'this layer needs the network around it' }];
  return specOf(layer).apply(layer, input, convention, { inputs: [input], reapply: alone, analyze: alone });
}
