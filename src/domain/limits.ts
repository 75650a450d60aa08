/**
 * Documented bounds on what the engine accepts. They keep every request cheap
 * to score; exactness is guarded separately (see `exact.ts`).
 */
export const LIMITS = {
  /** Most layers in one network: `1000`. */
  maxLayers: 1000,
  /** Largest input height, width or channel count: `65536`. */
  maxInputSize: 65_536,
  /** Largest filters / units / depth multiplier: `65536`. */
  maxUnits: 65_536,
  /** Largest kernel, pool window, stride or dilation on one axis: `1024`. */
  maxWindow: 1024,
  /** Largest zero padding on one side: `1024`. */
  maxPadding: 1024,
  /** Longest layer name: `200` characters. */
  maxName: 200,
  /** Largest request body in bytes accepted by /api/score: `262144` (256 KiB). */
  maxBodyBytes: 262_144,
  /** Longest pasted PyTorch `print(model)` text: `200000` characters. */
  maxPytorchChars: 200_000,
  /** Most lines in a pasted PyTorch `print(model)` text: `10000`. */
  maxPytorchLines: 10_000,
  /** Deepest nesting of modules in a PyTorch model (the model itself is depth 0): `64`. */
  maxPytorchDepth: 64,
  /** Most modules in a PyTorch model, once `(0-2): 3 x Block(…)` lines are expanded: `10000`. */
  maxPytorchModules: 10_000,
} as const;
