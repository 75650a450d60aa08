/** A value or the reasons there is none; domain code returns this instead of throwing. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

/** Wraps a success: `ok(3) → { ok: true, value: 3 }`. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Wraps a failure: `fail(['bad']) → { ok: false, error: ['bad'] }`. */
export const fail = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });
