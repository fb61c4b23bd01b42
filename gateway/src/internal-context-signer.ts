import { signInternalContext, type Identity, type SigningKey, type StaffAccess } from '@sc/auth';

/** How long a signed internal token is reused; it is valid for 60 s, so every use has ≥ 30 s left. */
const REUSE_MS = 30_000;
/** Cap on cached identities, so a flood of distinct callers cannot grow memory without bound. */
const MAX_ENTRIES = 10_000;

/**
 * Signs the gateway-to-subgraph statement of the caller, reusing one signature per identity for ~30 s:
 * a dashboard query fans out to five subgraphs, and signing once instead of five times keeps it cheap.
 * The staff access resolved for the request is part of the identity, so a changed access is signed afresh.
 * Signs with the gateway's Ed25519 private key (INTERNAL_SIGNING_KEY); subgraphs verify with its public half.
 */
export class InternalContextSigner {
  private readonly cache = new Map<string, { token: Promise<string>; expiresAt: number }>();

  constructor(
    private readonly key: SigningKey,
    private readonly now: () => number = Date.now,
  ) {}

  tokenFor(identity: Identity): Promise<string> {
    const key = `${identity.userId}|${identity.sellerId ?? ''}|${[...identity.roles].sort().join(',')}|${accessKey(identity.access)}`;
    const now = this.now();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.token;

    if (this.cache.size >= MAX_ENTRIES) this.evictExpired(now);
    const token = signInternalContext(identity, this.key);
    this.cache.set(key, { token, expiresAt: now + REUSE_MS });
    // A failed signature must not be served from the cache.
    token.catch(() => this.cache.delete(key));
    return token;
  }

  private evictExpired(now: number): void {
    for (const [key, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(key);
    if (this.cache.size >= MAX_ENTRIES) this.cache.clear();
  }
}

/** A staff access as part of a cache key: none, the owner, or the (normalised, so comparable) permissions. */
function accessKey(access: StaffAccess | undefined): string {
  if (!access) return '-';
  return access.owner ? '*' : access.permissions.join(' ');
}
