import { timingSafeEqual } from 'node:crypto';

/** `bytes` random bytes from the platform's CSPRNG, base64url: `randomToken(16)` → 22 characters, 128 bits. */
export function randomToken(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');
}

/** The SHA-256 of a secret, in hex: what the store keeps instead of it. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Buffer.from(digest).toString('hex');
}

/**
 * Whether `secret` is the one whose SHA-256 is `hash`, in time that does not depend on where they
 * differ (the digests are compared with timingSafeEqual, and both are always 32 bytes).
 */
export async function matchesHash(secret: string, hash: string): Promise<boolean> {
  const given = Buffer.from(await sha256Hex(secret), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return stored.length === given.length && timingSafeEqual(given, stored);
}
