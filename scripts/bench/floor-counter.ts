// The bench's floor: the least work that counts a quiz network exactly. Plain numbers, one pass, no
// validation, no explanations, no objects beyond the shape it carries; only the 13 layer types the
// bench's random networks use (tests/support/random-network.ts). Every product and sum is checked
// against 2^53 − 1 as it is formed, which is what makes plain numbers exact. It is not the engine:
// the bench checks that it agrees with the engine on every network it times, and says so.

type Pair = number | readonly number[];
type Padding2d = number | readonly number[] | readonly (readonly number[])[];

interface FloorLayer {
  type: string;
  filters?: number;
  units?: number;
  kernelSize?: Pair;
  strides?: Pair;
  dilationRate?: Pair;
  poolSize?: Pair;
  padding?: string | Padding2d;
  useBias?: boolean;
  groups?: number;
  depthMultiplier?: number;
}

const MAX = Number.MAX_SAFE_INTEGER;

function exact(value: number): number {
  if (value > MAX) throw new RangeError('past 2^53 − 1');
  return value;
}

const axis = (value: Pair | undefined, i: number, fallback: number) =>
  value === undefined ? fallback : typeof value === 'number' ? value : (value[i] ?? fallback);

/** Keras's conv_output_length (window already dilated). */
function slide(size: number, window: number, stride: number, same: boolean): number {
  if (same) return Math.ceil(size / stride);
  const span = size - window + 1;
  return span <= 0 ? 0 : Math.ceil(span / stride);
}

/** Per-layer parameter counts of a network of the bench's 13 layer types, or a RangeError past 2^53 − 1. */
export function floorCount(network: { input: readonly number[]; layers: readonly FloorLayer[] }): number[] {
  let shape = [...network.input];
  const counts: number[] = [];
  for (const layer of network.layers) {
    const last = shape[shape.length - 1] ?? 1;
    const bias = layer.useBias ?? true;
    let params = 0;
    switch (layer.type) {
      case 'conv2d':
      case 'depthwiseConv2d':
      case 'separableConv2d':
      case 'conv2dTranspose': {
        const [h = 1, w = 1] = shape;
        const kh = axis(layer.kernelSize, 0, 1);
        const kw = axis(layer.kernelSize, 1, 1);
        const same = layer.padding === 'same';
        const sh = axis(layer.strides, 0, 1);
        const sw = axis(layer.strides, 1, 1);
        const dh = (kh - 1) * axis(layer.dilationRate, 0, 1) + 1;
        const dw = (kw - 1) * axis(layer.dilationRate, 1, 1) + 1;
        const kernel = exact(kh * kw);
        const m = layer.depthMultiplier ?? 1;
        let channels: number;
        if (layer.type === 'conv2d') {
          channels = layer.filters ?? 1;
          params = exact(exact(kernel * (last / (layer.groups ?? 1))) * channels) + (bias ? channels : 0);
        } else if (layer.type === 'depthwiseConv2d') {
          channels = exact(last * m);
          params = exact(kernel * channels) + (bias ? channels : 0);
        } else if (layer.type === 'separableConv2d') {
          channels = layer.filters ?? 1;
          params = exact(exact(kernel * last * m) + exact(exact(last * m) * channels) + (bias ? channels : 0));
        } else {
          channels = layer.filters ?? 1;
          params = exact(exact(kernel * last) * channels) + (bias ? channels : 0);
          const grow = (n: number, k: number, s: number) => exact(same ? n * s : n * s + Math.max(k - s, 0));
          shape = [grow(h, dh, sh), grow(w, dw, sw), channels];
          break;
        }
        shape = [slide(h, dh, sh, same), slide(w, dw, sw, same), channels];
        break;
      }
      case 'maxPooling2d':
      case 'averagePooling2d': {
        const [h = 1, w = 1, c = 1] = shape;
        const ph = axis(layer.poolSize, 0, 2);
        const pw = axis(layer.poolSize, 1, 2);
        const same = layer.padding === 'same';
        shape = [slide(h, ph, axis(layer.strides, 0, ph), same), slide(w, pw, axis(layer.strides, 1, pw), same), c];
        break;
      }
      case 'zeroPadding2d': {
        const [h = 1, w = 1, c = 1] = shape;
        const p = layer.padding as Padding2d | undefined;
        const side = (a: number, i: number) =>
          p === undefined ? 1 : typeof p === 'number' ? p : typeof p[a] === 'number' ? p[a] : (p[a] as number[])[i];
        const sides = (a: number) => (side(a, 0) ?? 0) + (side(a, 1) ?? 0);
        shape = [exact(h + sides(0)), exact(w + sides(1)), c];
        break;
      }
      case 'batchNormalization':
        params = exact(4 * last);
        break;
      case 'dense': {
        const units = layer.units ?? 1;
        params = exact(exact(last * units) + (bias ? units : 0));
        shape = [...shape.slice(0, -1), units];
        break;
      }
      case 'flatten':
        shape = [exact(shape.reduce((a, b) => exact(a * b), 1))];
        break;
      case 'globalAveragePooling2d':
      case 'globalMaxPooling2d':
        shape = [last];
        break;
      case 'dropout':
        break;
      default:
        throw new TypeError(`the floor counter does not know ${layer.type}`);
    }
    counts.push(params);
  }
  let total = 0;
  for (const c of counts) total = exact(total + c);
  counts.push(total);
  return counts;
}
