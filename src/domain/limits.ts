/**
 * Documented bounds on what the engine accepts. They keep every request cheap
 * to score; exactness is guarded separately (see `exact.ts`).
 */
export const LIMITS = {
  /** Most layers in one network (its own list; NASNetLarge, the largest Keras application, has 1,040): `2000`. */
  maxLayers: 2000,
  /** Most layers in all, nested models' layers included (every Keras application fits): `2000`. */
  maxNodes: 2000,
  /** Most connections in all (one per input a layer takes): `4000`. */
  maxEdges: 4000,
  /** Most inputs one layer names (a merge's fan-in): `64`. */
  maxInputs: 64,
  /** Deepest nesting of models inside models: `8`. */
  maxNesting: 8,
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
  /**
   * Largest request body in bytes accepted by /api/score: `5242880` (5 MiB), room for the
   * Keras JSON of the largest applications (NASNetLarge) under Netlify's 6 MB.
   */
  maxBodyBytes: 5_242_880,
  /** Longest pasted PyTorch `print(model)` text: `200000` characters. */
  maxPytorchChars: 200_000,
  /** Most lines in a pasted PyTorch `print(model)` text: `10000`. */
  maxPytorchLines: 10_000,
  /** Deepest nesting of modules in a PyTorch model (the model itself is depth 0): `64`. */
  maxPytorchDepth: 64,
  /** Most modules in a PyTorch model, once `(0-2): 3 x Block(…)` lines are expanded: `10000`. */
  maxPytorchModules: 10_000,
} as const;
