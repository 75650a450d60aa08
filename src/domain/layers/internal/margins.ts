// What zero padding and cropping share, whatever their rank (Keras's zero_padding{1,2,3}d.py and
// cropping{1,2,3}d.py): sides added to or cut from each spatial axis, the channels untouched.
import { allExact } from '../../exact';
import type { LayerOutcome, LayerProblem, Shape } from '../spec';
import { nothingLearned } from './learns-nothing';
import { dataFormatArg, kwargs } from './python';
import { sides, sidesTuple, type SidesOption } from './sides';
import { axesWork, isProblems, SPATIAL_AXES, spatialInput, type DataFormat } from './spatial';
import { listText } from './list-text';
import { inlineModule } from './torch';
import { shapeText } from './text';

export { SPATIAL_AXES } from './spatial';

interface MarginLayer {
  dataFormat?: DataFormat | undefined;
}

/**
 * Zero padding of any rank: each axis grows by its two sides, default 1:
 * 2-D `padding [[1, 2], [0, 3]]` on 28×28×1 → 31×31×1 (`28 + 1 + 2 = 31`, `28 + 0 + 3 = 31`).
 */
export function applyPadding(
  label: string,
  rank: number,
  layer: MarginLayer & { padding?: SidesOption },
  input: Shape,
): LayerOutcome | LayerProblem[] {
  const split = spatialInput(label, rank, input, layer.dataFormat);
  if (isProblems(split)) return split;
  const amounts = sides(layer.padding, rank, 1);
  const out = split.axes.map((size, i) => size + (amounts[i]?.[0] ?? 0) + (amounts[i]?.[1] ?? 0));
  const steps = split.axes.map(
    (size, i) => `${SPATIAL_AXES[rank]?.[i]} ${size} + ${amounts[i]?.[0]} + ${amounts[i]?.[1]} = ${out[i]}`,
  );
  const outputShape = split.shape(out, split.channels);
  // Padding grows each axis: a size past 2^53 − 1 is quoted exactly by the refusal that follows.
  const exactShape = allExact(out)
    ? undefined
    : split.shape(
        split.axes.map((size, i) => BigInt(size) + BigInt(amounts[i]?.[0] ?? 0) + BigInt(amounts[i]?.[1] ?? 0)),
        BigInt(split.channels),
      );
  return nothingLearned(
    label,
    outputShape,
    `it only adds zeros: ${steps.join(', ')}`,
    paddingWork(split.axes, amounts, outputShape),
    exactShape,
  );
}

/**
 * Zero padding's shape arithmetic, each axis plus its two sides:
 * `paddingWork([28, 28], [[1, 2], [0, 3]], [31, 31, 1]) → 'height 28 + 1 + 2 = 31, width 28 + 0 + 3 = 31; channels kept: 31×31×1'`.
 */
export function paddingWork(
  sizes: readonly number[],
  amounts: readonly (readonly [number, number])[],
  outputShape: Shape,
): string {
  const steps = sizes.map((size, i) => {
    const [before = 0, after = 0] = amounts[i] ?? [];
    return `${size} + ${before} + ${after} = ${size + before + after}`;
  });
  return `${axesWork(steps)}; channels kept: ${shapeText(outputShape)}`;
}

/**
 * Cropping of any rank: each axis loses its two sides, and at least 1 must remain (Keras's rule):
 * 2-D `cropping [[0, 1], [1, 0]]` on 28×28×3 → 27×27×3; `cropping 2` on 3×3×1 is refused.
 */
export function applyCropping(
  label: string,
  rank: number,
  layer: MarginLayer & { cropping?: SidesOption },
  input: Shape,
  fallback: number,
): LayerOutcome | LayerProblem[] {
  const split = spatialInput(label, rank, input, layer.dataFormat);
  if (isProblems(split)) return split;
  const amounts = sides(layer.cropping, rank, fallback);
  const names = SPATIAL_AXES[rank] ?? [];
  const out = split.axes.map((size, i) => size - (amounts[i]?.[0] ?? 0) - (amounts[i]?.[1] ?? 0));
  const arithmetic = (i: number) => `${split.axes[i]} − ${amounts[i]?.[0]} − ${amounts[i]?.[1]} = ${out[i]}`;
  const empty = out.flatMap((size, i) => (size < 1 ? [i] : []));
  if (empty.length > 0) {
    const why = empty.map(
      (i) =>
        `its ${names[i]} is ${split.axes[i]} and ${arithmetic(i)}, so crop less than ${split.axes[i]} in total from the ${names[i]}`,
    );
    return [
      {
        path: ['cropping'],
        message: `${layer.cropping === undefined ? `the default cropping ${fallback}` : `cropping ${listText(layer.cropping)}`} leaves nothing of the ${shapeText(input)} input (Keras keeps at least 1 on every axis): ${why.join('; ')}`,
      },
    ];
  }
  const steps = out.map((_, i) => `${names[i]} ${arithmetic(i)}`);
  const outputShape = split.shape(out, split.channels);
  return nothingLearned(
    label,
    outputShape,
    `it only cuts values off the edges: ${steps.join(', ')}`,
    `${axesWork(out.map((_, i) => arithmetic(i)))}; channels kept: ${shapeText(outputShape)}`,
  );
}

/** One Keras call with normalised sides: `kerasMargins('Cropping2D', 'cropping', [[0, 1], [1, 0]])` → `Cropping2D(cropping=((0, 1), (1, 0)))`. */
export function kerasMargins(
  className: string,
  option: 'padding' | 'cropping',
  amounts: readonly (readonly [number, number])[],
  dataFormat?: DataFormat,
): string {
  return `${className}(${kwargs([
    [option, sidesTuple(amounts)],
    ['data_format', dataFormatArg(dataFormat)],
  ])})`;
}

/**
 * PyTorch has no cropping module: Keras's slicing in a one-line module (batch and channels kept):
 * `torchCropping(2, [[0, 1], [1, 0]]) → ['type("Cropping2D", …: x[:, :, 0:-1, 1:])()']`.
 */
export function torchCropping(rank: number, amounts: readonly (readonly [number, number])[]): string[] {
  if (amounts.every(([a, b]) => a === 0 && b === 0)) return ['nn.Identity()'];
  const slices = amounts.map(([a, b]) => (b === 0 ? (a === 0 ? ':' : `${a}:`) : `${a}:-${b}`));
  return [inlineModule(`Cropping${rank}D`, `x[:, :, ${slices.join(', ')}]`)];
}
