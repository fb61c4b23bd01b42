import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A new invitation code: 192 random bits, URL-safe (32 characters), to be shown once to the owner who
 * invites; only its hash is stored.
 */
export const newInvitationCode = (): string => randomBytes(24).toString('base64url');

/** The stored form of an invitation code: SHA-256, hex. A fast hash is enough for 192 random bits. */
export const hashInvitationCode = (code: string): string => createHash('sha256').update(code, 'utf8').digest('hex');

/** True when `code` is the invitation code whose hash is `hash` (compared in constant time). */
export function invitationCodeMatches(code: string, hash: string): boolean {
  const given = Buffer.from(hashInvitationCode(code), 'hex');
  const stored = Buffer.from(hash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
