import { fail, ok, type Result } from '../result';
import { Arguments } from './arguments';
import type { ReprModule } from './parse-repr';
import { COUNTED_CLASSES, type OwnCount } from './torch-classes';

/**
 * A container that holds parameters of its own besides its children, and how to count them from the
 * children; the explanation is the first term of the container's sum: `'layer_scale 96 (96×1×1)'`.
 */
export interface OwningContainer {
  own(block: ReprModule): Result<OwnCount, string>;
}

/** The arguments of the child at `path` below `block`, if it is of one of `classes`: `child(cnBlock, ['block', '0'], ['Conv2d'])`. */
function child(block: ReprModule, path: readonly string[], classes: readonly string[]): Arguments | undefined {
  let at: ReprModule | null | undefined = block;
  for (const key of path) at = at?.children.find((c) => c.key === key && !c.repeat)?.module;
  const spec = at && classes.includes(at.className) ? COUNTED_CLASSES.get(at.className) : undefined;
  if (!at || !spec) return undefined;
  const bound = Arguments.bind(at.className, spec.signature, at.args);
  return bound.ok ? bound.value : undefined;
}

/** torchvision's ConvNeXt block holds `layer_scale`, shaped (dim, 1, 1), beside its children. */
const cnBlock: OwningContainer = {
  own: (block) => {
    const conv = child(block, ['block', '0'], ['Conv2d']);
    const dim = conv?.int('out_channels');
    if (!conv || dim === undefined || conv.problems.length > 0) {
      return fail(
        "CNBlock holds a layer_scale of shape (dim, 1, 1), and Learnable reads dim from the block's depthwise convolution, (block): Sequential( (0): Conv2d(dim, dim, …); it is not there",
      );
    }
    return ok({
      params: dim,
      explanation: `layer_scale ${dim} (${dim}×1×1)`,
      note: "Each CNBlock (torchvision's ConvNeXt) holds a layer_scale parameter of shape (dim, 1, 1) itself, which print(model) does not show; it is counted from the block's depthwise convolution, whose channels are dim.",
    });
  },
};

/**
 * MultiheadAttention holds its input projection (query, key and value: 3 × E × E weights and
 * 3 × E biases) itself; only out_proj is a child, and E is its in_features.
 */
const multiheadAttention: OwningContainer = {
  own: (block) => {
    const out = child(block, ['out_proj'], ['NonDynamicallyQuantizableLinear', 'Linear']);
    const embed = out?.int('in_features');
    const bias = out?.bool('bias', true);
    if (!out || embed === undefined || bias === undefined || out.problems.length > 0) {
      return fail(
        'MultiheadAttention holds its input projection itself, and Learnable reads its size from (out_proj): NonDynamicallyQuantizableLinear(in_features=E, …); it is not there',
      );
    }
    const weights = 3n * embed * embed;
    const biases = bias ? 3n * embed : 0n;
    return ok({
      params: weights + biases,
      explanation: `in_proj ${weights + biases} (3 × ${embed}×${embed} weights${bias ? ` + 3 × ${embed} biases` : ''})`,
      note: "Each MultiheadAttention holds its query, key and value projections itself (print(model) shows only out_proj); they are counted as 3 × E × E weights and 3 × E biases, E being out_proj's in_features, which is right unless the attention was built with kdim or vdim other than embed_dim or with add_bias_kv=True, none of which print(model) shows.",
    });
  },
};

/** Containers Learnable knows to hold parameters beside their children, by class name. */
export const OWNING_CONTAINERS: ReadonlyMap<string, OwningContainer> = new Map([
  ['CNBlock', cnBlock],
  ['MultiheadAttention', multiheadAttention],
]);

/**
 * Containers known to hold parameters that print(model) shows nothing to count them from
 * (their sizes depend on the image or window size), with what they hold; they are counted as
 * the sum of their children, and the notes say what is missing.
 */
export const UNCOUNTABLE_PARAMETERS: ReadonlyMap<string, string> = new Map([
  ['VisionTransformer', "torchvision's VisionTransformer holds class_token (1×1×hidden_dim)"],
  [
    'Encoder',
    "torchvision's ViT Encoder holds pos_embedding (1 × (patches + 1) × hidden_dim, the patches depending on the image size)",
  ],
  [
    'ShiftedWindowAttention',
    "torchvision's Swin ShiftedWindowAttention holds relative_position_bias_table ((2·window − 1)² × heads)",
  ],
]);
