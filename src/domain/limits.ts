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
} as const;
