// What up-sampling layers share, whatever their rank (Keras's up_sampling{1,2,3}d.py): each
// spatial axis is multiplied by its factor, the channels untouched, nothing learned.
import type { LayerOutcome, LayerProblem, Shape } from '../spec';
import { allExact } from '../../exact';
import { axes, type AxesOption } from './axes';
import { nothingLearned } from './learns-nothing';
import { SPATIAL_AXES } from './margins';
import { dataFormatArg, kwargs, pyString, tuple } from './python';
import { axesWork, isProblems, spatialInput, type DataFormat } from './spatial';
import { comment } from './torch';
import { by, shapeText } from './text';

/** How UpSampling2D fills the new rows and columns, Keras 3's methods (the shape is the same for all): `'nearest'`, …. */
export const INTERPOLATIONS = ['nearest', 'bilinear', 'bicubic', 'lanczos3', 'lanczos5'] as const;

/** The options an up-sampling layer of any rank may have. */
export interface UpSamplingOptions {
  size?: AxesOption;
  dataFormat?: DataFormat | undefined;
  interpolation?: (typeof INTERPOLATIONS)[number] | undefined;
}

/** Up-sampling of any rank, `size` default 2 on every axis: 2-D `size [2, 3]` on 14×14×8 → 28×42×8. */
export function applyUpSampling(
  label: string,
  rank: number,
  layer: UpSamplingOptions,
  input: Shape,
): LayerOutcome | LayerProblem[] {
  const split = spatialInput(label, rank, input, layer.dataFormat);
  if (isProblems(split)) return split;
  const factors = axes(layer.size, rank, 2);
  const out = split.axes.map((size, i) => size * (factors[i] ?? 1));
  const how =
    (layer.interpolation ?? 'nearest') === 'nearest'
      ? 'it only repeats values'
      : `it only fills in new values by ${layer.interpolation} interpolation`;
  const steps = split.axes.map((size, i) => `${SPATIAL_AXES[rank]?.[i]} ${size} × ${factors[i]} = ${out[i]}`);
  const outputShape = split.shape(out, split.channels);
  // Up-sampling grows each axis: a size past 2^53 − 1 is quoted exactly by the refusal that follows.
  const exactShape = allExact(out)
    ? undefined
    : split.shape(
        split.axes.map((size, i) => BigInt(size) * BigInt(factors[i] ?? 1)),
        BigInt(split.channels),
      );
  return nothingLearned(
    label,
    outputShape,
    `${how}: ${steps.join(', ')}`,
    `${axesWork(split.axes.map((size, i) => `${size} × ${factors[i]} = ${out[i]}`))}; channels kept: ${shapeText(outputShape)}`,
    exactShape,
  );
}

/** An up-sampling layer's options in words: `'2×2, bilinear'`. */
export function describeUpSampling(layer: UpSamplingOptions, rank: number): string {
  return [
    `size ${by(...axes(layer.size, rank, 2))}`,
    ...(layer.interpolation && layer.interpolation !== 'nearest' ? [layer.interpolation] : []),
    ...(layer.dataFormat === 'channels_first' ? ['channels first'] : []),
  ].join(', ');
}

/** One Keras up-sampling call: `UpSampling2D(size=(2, 2), interpolation="bilinear")`; 1-D takes one number. */
export function kerasUpSampling(className: string, rank: number, layer: UpSamplingOptions): string {
  const size = axes(layer.size, rank, 2);
  return `${className}(${kwargs([
    ['size', rank === 1 ? String(size[0]) : tuple(size)],
    [
      'interpolation',
      layer.interpolation && layer.interpolation !== 'nearest' ? pyString(layer.interpolation) : undefined,
    ],
    ['data_format', dataFormatArg(layer.dataFormat)],
  ])})`;
}

/**
 * PyTorch's `nn.Upsample` with the same factors (its spatial axes come last, as in Keras's channels_first):
 * `torchUpSampling(2, {size: [2, 3]}) → ['nn.Upsample(scale_factor=(2, 3))']`.
 */
export function torchUpSampling(rank: number, layer: UpSamplingOptions): string[] {
  const size = axes(layer.size, rank, 2);
  const interpolation = layer.interpolation ?? 'nearest';
  const lanczos = interpolation.startsWith('lanczos');
  const mode = lanczos ? 'bicubic' : interpolation;
  return [
    ...(lanczos ? [comment(`PyTorch has no ${interpolation} resampling; bicubic gives the same shape`)] : []),
    `nn.Upsample(scale_factor=${rank === 1 ? size[0] : tuple(size)}${mode === 'nearest' ? '' : `, mode="${mode}"`})`,
  ];
}
