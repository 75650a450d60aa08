import { LAYER_TYPES, LAYERS, type LayerType } from './layers';

/** What the API page and the lesson say about one layer type, from its module. */
export interface LayerEntry {
  type: LayerType;
  kerasClasses: readonly string[];
  label: string;
  description: string;
  /** Option names, required first: `{required: ['filters', 'kernelSize'], optional: ['strides', …]}`. */
  required: string[];
  optional: string[];
  notes: string | undefined;
  example: { input: number[]; layer: object };
}

/** Options every layer accepts, listed once on the page instead of in every row. */
export const COMMON_OPTIONS = ['name', 'trainable'] as const;

/**
 * Every layer type with its options, given each type's zod shape:
 * `layerCatalog(shapes)[0] → {type: 'conv2d', required: ['filters', 'kernelSize'], …}`.
 */
export function layerCatalog(shapes: Record<LayerType, Record<string, { isOptional(): boolean }>>): LayerEntry[] {
  return LAYER_TYPES.map((type) => {
    const spec = LAYERS[type];
    const options = Object.entries(shapes[type]).filter(
      ([name]) => name !== 'type' && !(COMMON_OPTIONS as readonly string[]).includes(name),
    );
    return {
      type,
      kerasClasses: spec.keras.classes,
      label: spec.label,
      description: spec.description,
      required: options.filter(([, schema]) => !schema.isOptional()).map(([name]) => name),
      optional: options.filter(([, schema]) => schema.isOptional()).map(([name]) => name),
      notes: spec.optionNotes,
      example: spec.example,
    };
  });
}
