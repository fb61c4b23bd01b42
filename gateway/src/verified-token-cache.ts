import type { Identity } from '@sc/auth';

/** How long a verified client token is trusted without checking its signature again (never past its `exp`). */
const REUSE_MS = 60_000;
/** Cap on cached tokens, so a flood of distinct valid tokens cannot grow memory without bound. */
const MAX_ENTRIES = 10_000;

/**
 * Remembers which client tokens verified, and as whom: a client sends the same bearer token with every
 * request, and checking its Ed25519 signature and claims each time is per-request work with a per-token answer.
 * Failures are never cached, and an entry never outlives the token's own expiry. A key withdrawn from the
 * issuer's set therefore stops its tokens within a minute (once their entries turn over).
 */
export class VerifiedTokenCache {
  private readonly cache = new Map<string, { identity: Identity; expiresAt: number }>();

  constructor(
    private readonly verify: (token: string) => Promise<Identity>,
    private readonly now: () => number = Date.now,
  ) {}

  async identityOf(token: string): Promise<Identity> {
    const now = this.now();
    const cached = this.cache.get(token);
    if (cached && cached.expiresAt > now) return cached.identity;
    if (cached) this.cache.delete(token);

    const identity = await this.verify(token);
    const expiresAt = Math.min(now + REUSE_MS, expiryOf(token) ?? now);
    if (expiresAt > now) {
      if (this.cache.size >= MAX_ENTRIES) this.evictExpired(now);
      this.cache.set(token, { identity, expiresAt });
    }
    return identity;
  }

  private evictExpired(now: number): void {
    for (const [token, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(token);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
  }
}

/** The `exp` of a token whose signature was just verified, in epoch milliseconds. */
function expiryOf(token: string): number | undefined {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
