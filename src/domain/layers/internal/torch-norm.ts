// PyTorch's normalization modules have one flag for γ and β together (`affine`,
// `elementwise_affine`); Keras's center and scale drop them one at a time.

/**
 * A PyTorch normalization module with Keras's γ and β: the module as written when both are kept,
 * `off` (such as `affine=False`) when neither is, and the one left out unregistered otherwise:
 * `torchAffine('nn.BatchNorm2d(16)', true, false, 'affine=False')`
 * → `'(lambda m: m.register_parameter("bias", None) or m)(nn.BatchNorm2d(16))'`.
 */
export function torchAffine(module: string, gamma: boolean, beta: boolean, off: string): string {
  if (gamma && beta) return module;
  if (!gamma && !beta) return `${module.slice(0, -1)}, ${off})`;
  // PyTorch names γ "weight" and β "bias"; its functional forms accept either as None.
  return `(lambda m: m.register_parameter("${gamma ? 'bias' : 'weight'}", None) or m)(${module})`;
}

/** A size list as PyTorch's `normalized_shape`: `16`, or `(8, 8, 16)` for several axes. */
export const torchSizes = (sizes: readonly number[]) =>
  sizes.length === 1 ? String(sizes[0]) : `(${sizes.join(', ')})`;
