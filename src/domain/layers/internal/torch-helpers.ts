// Small PyTorch classes that some layers' code needs and torch.nn lacks. A module line that
// calls one (`ChannelsLast()`) makes the exported script define it once, before the model.

/** Keras's dense and layer norm act on the last axis; PyTorch keeps channels second. */
const CHANNELS = [
  '# Keras acts on the last (channels) axis here; PyTorch tensors are channels first.',
  'class ChannelsLast(nn.Module):',
  '    def forward(self, x):',
  '        return x.movedim(1, -1)',
  '',
  'class ChannelsFirst(nn.Module):',
  '    def forward(self, x):',
  '        return x.movedim(-1, 1)',
];

/** Keras's PReLU with slopes kept along some axes and shared along others. */
const PRELU_SLOPES = [
  "# Keras's PReLU: one learned slope per position, shared (size 1) along the shared axes.",
  'class PReLUSlopes(nn.Module):',
  '    def __init__(self, shape):',
  '        super().__init__()',
  '        self.weight = nn.Parameter(torch.zeros(shape))',
  '',
  '    def forward(self, x):',
  '        return torch.where(x >= 0, x, self.weight * x)',
];

/** Keras's LayerScale (ConvNeXt): one learned scale per channel, kept [C, 1, 1] as torchvision's ConvNeXt keeps it. */
const LAYER_SCALE = [
  "# Keras's LayerScale (ConvNeXt): one learned scale per channel.",
  'class LayerScale(nn.Module):',
  '    def __init__(self, channels, init_values, spatial_axes):',
  '        super().__init__()',
  '        self.gamma = nn.Parameter(torch.full((channels,) + (1,) * spatial_axes, float(init_values)))',
  '',
  '    def forward(self, x):',
  '        return x * self.gamma',
];

/** Each helper by the class names that call for it: `TORCH_HELPERS[0].names → ['ChannelsLast', 'ChannelsFirst']`. */
export const TORCH_HELPERS: readonly { names: readonly string[]; lines: readonly string[] }[] = [
  { names: ['ChannelsLast', 'ChannelsFirst'], lines: CHANNELS },
  { names: ['PReLUSlopes'], lines: PRELU_SLOPES },
  { names: ['LayerScale'], lines: LAYER_SCALE },
];

/**
 * The helper definitions a list of module lines needs, each once, with a blank line after it:
 * `torchHelpersFor(['ChannelsLast()', 'nn.Linear(3, 2)'])` → the ChannelsLast/ChannelsFirst lines.
 */
export function torchHelpersFor(modules: readonly string[]): string[] {
  return TORCH_HELPERS.filter(({ names }) =>
    modules.some((m) => names.some((name) => m.trimStart().startsWith(`${name}(`))),
  ).flatMap(({ lines }) => [...lines, '']);
}
