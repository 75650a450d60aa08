import { z } from 'zod';
import { fail, ok, type Result } from './result';
import { Network, type Layer } from './schema/network';

/** A problem in pasted Keras JSON; `path` points into that JSON. */
export interface ImportProblem {
  path: (string | number)[];
  message: string;
}

const shape = z.array(z.union([z.int(), z.null()]));
const pair = z.union([z.int(), z.tuple([z.int(), z.int()])]);
const optionalPair = pair.nullish();

/** The part of a Keras layer config that matters for counting; other keys (initializers, names…) pass. */
const KerasConfig = z.looseObject({
  name: z.string().optional(),
  batch_input_shape: shape.optional(), // Keras 2 and TensorFlow.js
  batch_shape: shape.optional(), // Keras 3
  data_format: z.enum(['channels_last', 'channels_first']).nullish(),
  filters: z.int().optional(),
  units: z.int().optional(),
  kernel_size: pair.optional(),
  strides: optionalPair,
  pool_size: optionalPair,
  padding: z.union([z.string(), z.int(), z.array(z.union([z.int(), z.array(z.int())]))]).optional(),
  dilation_rate: optionalPair,
  depth_multiplier: z.int().optional(),
  use_bias: z.boolean().optional(),
  groups: z.int().optional(),
  rate: z.number().optional(),
  output_padding: z.unknown().optional(),
  keepdims: z.boolean().optional(),
  axis: z.union([z.int(), z.array(z.int())]).optional(),
  center: z.boolean().optional(),
  scale: z.boolean().optional(),
});

const KerasLayer = z.looseObject({ class_name: z.string(), config: KerasConfig });

/** What Keras's `model.to_json()` (and TensorFlow.js's `model.toJSON()`) writes for a Sequential model. */
export const KerasModel = z.looseObject({
  class_name: z.literal('Sequential', { error: 'only Sequential models can be imported' }),
  config: z.union([
    z.looseObject({ layers: z.array(KerasLayer).min(1) }),
    z.array(KerasLayer).min(1), // very old Keras wrote the layer list directly
  ]),
});

type KerasConfig = z.infer<typeof KerasConfig>;

const CLASSES: Record<string, Layer['type']> = {
  Conv2D: 'conv2d',
  Convolution2D: 'conv2d',
  DepthwiseConv2D: 'depthwiseConv2d',
  SeparableConv2D: 'separableConv2d',
  SeparableConvolution2D: 'separableConv2d',
  Conv2DTranspose: 'conv2dTranspose',
  Convolution2DTranspose: 'conv2dTranspose',
  MaxPooling2D: 'maxPooling2d',
  MaxPool2D: 'maxPooling2d',
  AveragePooling2D: 'averagePooling2d',
  AvgPool2D: 'averagePooling2d',
  GlobalAveragePooling2D: 'globalAveragePooling2d',
  GlobalAvgPool2D: 'globalAveragePooling2d',
  GlobalMaxPooling2D: 'globalMaxPooling2d',
  GlobalMaxPool2D: 'globalMaxPooling2d',
  BatchNormalization: 'batchNormalization',
  Flatten: 'flatten',
  Dense: 'dense',
  Dropout: 'dropout',
  ZeroPadding2D: 'zeroPadding2d',
};

/** Our option name as Keras spells it: `snakeCase('kernelSize') → 'kernel_size'`. */
const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Keras writes pairs as lists; one value stays one value when both axes agree. */
const compact = (value: number | [number, number]): number | [number, number] =>
  Array.isArray(value) && value[0] === value[1] ? value[0] : value;

/** Copies the options that exist, renamed to camelCase, leaving out Keras's nulls. */
function options(config: KerasConfig, names: Record<string, keyof KerasConfig>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [ours, theirs] of Object.entries(names)) {
    const value = config[theirs];
    if (value === undefined || value === null) continue;
    out[ours] = typeof value === 'number' || Array.isArray(value) ? compact(value as number | [number, number]) : value;
  }
  return out;
}

const WINDOW = {
  kernelSize: 'kernel_size',
  strides: 'strides',
  padding: 'padding',
  dilationRate: 'dilation_rate',
  useBias: 'use_bias',
} as const;

function convert(type: Layer['type'], config: KerasConfig): Record<string, unknown> {
  switch (type) {
    case 'conv2d': {
      const converted = options(config, { filters: 'filters', ...WINDOW, groups: 'groups' });
      if (converted['groups'] === 1) delete converted['groups'];
      return converted;
    }
    case 'conv2dTranspose':
      return options(config, { filters: 'filters', ...WINDOW });
    case 'depthwiseConv2d':
      return options(config, { depthMultiplier: 'depth_multiplier', ...WINDOW });
    case 'separableConv2d':
      return options(config, { filters: 'filters', depthMultiplier: 'depth_multiplier', ...WINDOW });
    case 'maxPooling2d':
    case 'averagePooling2d':
      return options(config, { poolSize: 'pool_size', strides: 'strides', padding: 'padding' });
    case 'dense':
      return options(config, { units: 'units', useBias: 'use_bias' });
    case 'dropout':
      return options(config, { rate: 'rate' });
    case 'zeroPadding2d':
      return config.padding === undefined ? {} : { padding: config.padding };
    default:
      return {};
  }
}

/** Why a layer's config cannot be counted the way it is written, if it cannot. */
function unsupported(className: string, config: KerasConfig): [keyof KerasConfig, string] | undefined {
  if (config.data_format === 'channels_first') {
    return [
      'data_format',
      `${className} uses channels_first; Learnable counts channels-last tensors (Keras's default)`,
    ];
  }
  if (config.output_padding !== undefined && config.output_padding !== null) {
    return ['output_padding', `${className} with output_padding is not supported`];
  }
  if (config.keepdims === true) return ['keepdims', `${className} with keepdims=true is not supported`];
  if (className === 'BatchNormalization') {
    const axis = config.axis ?? -1;
    if (!(
      axis === -1 ||
      axis === 3 ||
      (Array.isArray(axis) && axis.length === 1 && (axis[0] === -1 || axis[0] === 3))
    )) {
      return ['axis', 'BatchNormalization over an axis other than the channels (-1) is not supported'];
    }
    if (config.center === false || config.scale === false) {
      return [
        config.center === false ? 'center' : 'scale',
        'BatchNormalization without center or scale is not supported',
      ];
    }
  }
  return undefined;
}

/** An imported network, and where in the Keras JSON each of its layers came from. */
export interface ImportedModel {
  network: Network;
  /** `layerPaths[i]` is the path of layer i's entry in the Keras JSON, e.g. `['config', 'layers', 1]`. */
  layerPaths: (string | number)[][];
}

/**
 * Where a problem found in the imported network lies in the Keras JSON:
 * `['layers', 0, 'kernelSize']` → `['config', 'layers', 1, 'config', 'kernel_size']`.
 */
export function locateInKeras(layerPaths: ImportedModel['layerPaths'], path: (string | number)[]): (string | number)[] {
  const [head, index, option, ...rest] = path;
  const entry = head === 'layers' && typeof index === 'number' ? layerPaths[index] : undefined;
  if (!entry) return layerPaths[0]?.slice(0, -1) ?? [];
  if (option === undefined) return entry;
  // A wrong layer "type" is the class name; anything else is an option of its config.
  if (option === 'type') return [...entry, 'class_name'];
  return [...entry, 'config', typeof option === 'string' ? snakeCase(option) : option, ...rest];
}

/**
 * Turns the JSON of a Keras Sequential model (`model.to_json()`, Keras 2 or 3, or
 * TensorFlow.js `model.toJSON()`) into a network in the API's format.
 * `importKerasModel('{"class_name":"Sequential",…}')` → `{ ok: true, value: { input, layers } }`.
 */
export function importKerasModel(json: unknown): Result<ImportedModel, ImportProblem[]> {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json);
    } catch (error) {
      return fail([{ path: [], message: `not valid JSON: ${error instanceof Error ? error.message : 'unreadable'}` }]);
    }
  }
  const parsed = KerasModel.safeParse(data);
  if (!parsed.success)
    return fail(parsed.error.issues.map((i) => ({ path: i.path as (string | number)[], message: i.message })));
  const list = Array.isArray(parsed.data.config) ? parsed.data.config : parsed.data.config.layers;
  const base: (string | number)[] = Array.isArray(parsed.data.config) ? ['config'] : ['config', 'layers'];

  let input: (number | null)[] | undefined;
  const layers: unknown[] = [];
  const positions: number[] = [];
  for (const [index, entry] of list.entries()) {
    const at = [...base, index];
    const declared = entry.config.batch_shape ?? entry.config.batch_input_shape;
    if (declared && input === undefined) input = declared;
    if (entry.class_name === 'InputLayer') continue;
    const type = CLASSES[entry.class_name];
    if (!type) {
      return fail([
        {
          path: [...at, 'class_name'],
          message: `layer ${index} is a ${entry.class_name}, which Learnable does not count; supported: ${[...new Set(Object.keys(CLASSES))].join(', ')}`,
        },
      ]);
    }
    const refused = unsupported(entry.class_name, entry.config);
    if (refused) return fail([{ path: [...at, 'config', refused[0]], message: refused[1] }]);
    layers.push({ type, ...convert(type, entry.config) });
    positions.push(index);
  }
  if (!input) {
    return fail([
      { path: base, message: 'the model declares no input shape (an InputLayer, batch_shape or batch_input_shape)' },
    ]);
  }
  const dims = input.slice(1);
  if (dims.length !== 3 || dims.some((d) => d === null)) {
    return fail([
      {
        path: base,
        message: `the input shape ${JSON.stringify(input)} is not [batch, height, width, channels] with known sizes`,
      },
    ]);
  }
  const network = Network.safeParse({ input: dims, layers });
  const layerPaths = positions.map((p) => [...base, p]);
  if (!network.success) {
    return fail(
      network.error.issues.map((issue) => ({
        path: locateInKeras(layerPaths, issue.path as (string | number)[]),
        message: issue.message,
      })),
    );
  }
  return ok({ layerPaths, network: network.data });
}
