import type { KerasConfig } from '../spec';

/** Our option name as Keras spells it: `snakeCase('kernelSize') → 'kernel_size'`. */
export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Keras writes n-D options as lists; one value stays one value when every axis agrees (`[5]` → `5`). */
const compact = (value: unknown): unknown =>
  Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && v === value[0])
    ? value[0]
    : value;

/**
 * Copies the Keras options that are present, renamed to camelCase, leaving out Keras's nulls:
 * `pick({filters: 8, kernel_size: [3, 3], strides: null}, ['filters', 'kernelSize', 'strides'])`
 * → `{filters: 8, kernelSize: 3}`.
 */
export function pick(config: KerasConfig, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const ours of names) {
    const value = config[snakeCase(ours)];
    if (value === undefined || value === null) continue;
    out[ours] = compact(value);
  }
  return out;
}

/** Keras options every layer may have: its name, `trainable: false`, and the data format when not the default. */
export function common(config: KerasConfig, spatial = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof config['name'] === 'string') out['name'] = config['name'];
  if (config['trainable'] === false) out['trainable'] = false;
  if (spatial && config['data_format'] === 'channels_first') out['dataFormat'] = 'channels_first';
  return out;
}

/**
 * The activation option, written as a name (`"relu"`) or as Keras 3's serialized function
 * (`{"class_name": "function", "config": "relu", …}` → `{activation: 'relu'}`); left out when it is
 * Keras's default `linear`, unless `keepLinear` (an `Activation` layer must name its function).
 */
export function activation(config: KerasConfig, keepLinear = false): Record<string, unknown> {
  const raw = config['activation'];
  const serialized =
    typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
  // Anything else is passed on as it is, so that the layer's schema refuses it with its own message.
  const value =
    serialized?.['class_name'] === 'function' && typeof serialized['config'] === 'string' ? serialized['config'] : raw;
  if (value === undefined || value === null) return {};
  return value === 'linear' && !keepLinear ? {} : { activation: value };
}
