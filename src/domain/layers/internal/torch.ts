// PyTorch-side pieces for layers that torch.nn has no module for. The exported code lists
// one module expression per line inside `nn.Sequential(...)`, so a module torch.nn lacks
// is built in place with `type(...)`, and a note is a line of its own that starts with `#`.

/**
 * A one-line PyTorch module from a forward expression of `x`:
 * `inlineModule('Permute', 'x.permute(0, 2, 1)')` →
 * `'type("Permute", (nn.Module,), {"forward": lambda self, x: x.permute(0, 2, 1)})()'`.
 */
export const inlineModule = (name: string, forward: string) =>
  `type(${JSON.stringify(name)}, (nn.Module,), {"forward": lambda self, x: ${forward}})()`;

/** A comment line among the modules: `comment('no weights') → '# no weights'`. */
export const comment = (text: string) => `# ${text}`;

/**
 * Where PyTorch keeps a Keras tensor's axes: channels (the last axis) first, a flat tensor as it is:
 * `channelsFirst([28, 28, 3]) → [3, 28, 28]`, `channelsFirst([10]) → [10]`.
 */
export function channelsFirst<T>(shape: readonly T[]): T[] {
  if (shape.length < 2) return [...shape];
  return [...shape.slice(-1), ...shape.slice(0, -1)];
}

/**
 * PyTorch's `x.permute` order (batch included) for Keras's `Permute(dims)` on a tensor PyTorch keeps
 * channels first: `torchPermutation([2, 1, 3]) → [0, 1, 3, 2]` (h, w, c → w, h, c is c, h, w → c, w, h).
 */
export function torchPermutation(dims: readonly number[]): number[] {
  const rank = dims.length;
  // Keras axis a (from 0, batch left out) sits at PyTorch position a + 1, except the last (channels) at 0.
  const torchAt = (a: number) => (a === rank - 1 ? 0 : a + 1);
  // PyTorch position q holds Keras axis q − 1, except position 0, which holds the last.
  const kerasAt = (q: number) => (q === 0 ? rank - 1 : q - 1);
  return [0, ...Array.from({ length: rank }, (_, q) => 1 + torchAt((dims[kerasAt(q)] ?? 1) - 1))];
}
