// What the layer factories of a family of ranks (conv-layers.ts, pool-layers.ts) take from a layer module.
import type { LayerSpec } from '../spec';

/** What one layer module of a family writes itself: its type, its rank and its own texts. */
export interface RankedTexts<T extends string, R extends 1 | 2 | 3, L> {
  type: T;
  rank: R;
  label: string;
  description: string;
  example: { input: number[]; layer: L };
  optionNotes?: string;
  /** Keras class names; the first is the one the code export writes. */
  classes: readonly [string, ...string[]];
  /** The name in the network picture: `'Conv2D'`, `'MaxPool'`. */
  diagram: string;
}

/**
 * A spec's first fields from a module's texts, in the registry's order, `optionNotes` only where given:
 * `specHead({ type: 'conv2d', label: 'convolution', … }, schema)` → `{ type, schema, label, description, example }`.
 */
export function specHead<T extends string, L extends { type: T }>(
  texts: RankedTexts<T, 1 | 2 | 3, L>,
  schema: LayerSpec<T, L>['schema'],
) {
  const { type, label, description, example, optionNotes } = texts;
  return { type, schema, label, description, example, ...(optionNotes === undefined ? {} : { optionNotes }) };
}
