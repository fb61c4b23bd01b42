import { readFileSync } from 'node:fs';
import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/**
 * Verification keys that can change while the process runs: each token's key is picked by its `kid`, so a key
 * added to the set is accepted on the next request and a removed one refused once the set is read again.
 */
export type KeyResolver = JWTVerifyGetKey;

export interface FileKeySetOptions {
  /** How often, at most, the file is read again to see whether it changed (1 s by default; 0 reads on every verification). */
  checkIntervalMs?: number;
  /** Told when the file, read again, is not a valid key set; the keys read before stay in use. */
  onInvalid?: (error: Error) => void;
  now?: () => number;
}

/**
 * A JWKS file (`{"keys": [...]}`), re-read when it changes: at most once per `checkIntervalMs`, on a
 * verification, so rotating keys is rewriting the file (no restart). Read at once: a missing or invalid file
 * throws here, so a process refuses to start with it. A file that later turns invalid (half-written, deleted)
 * leaves the keys read before in use, and is read again at the next check.
 */
export function fileKeySet(path: string, options: FileKeySetOptions = {}): KeyResolver {
  const checkIntervalMs = options.checkIntervalMs ?? 1000;
  const now = options.now ?? Date.now;
  let text = readFileSync(path, 'utf8');
  let resolver = localSetOf(text, path);
  let checkedAt = now();
  return async (protectedHeader, token) => {
    if (now() - checkedAt >= checkIntervalMs) {
      checkedAt = now();
      try {
        const current = readFileSync(path, 'utf8');
        if (current !== text) {
          resolver = localSetOf(current, path);
          text = current;
        }
      } catch (error) {
        options.onInvalid?.(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return resolver(protectedHeader, token);
  };
}

export interface RemoteKeySetOptions {
  /** How long a fetched set is used before it is fetched again (jose's default: 10 min). */
  cacheMaxAgeMs?: number;
  /** An unknown `kid` fetches the set again, but not sooner than this after the last fetch (jose's default: 30 s). */
  cooldownMs?: number;
  /** Budget of one fetch (jose's default: 5 s). */
  timeoutMs?: number;
  /**
   * While the endpoint cannot be fetched (down, slow, answering garbage), the last set fetched stays in use for
   * this long after it was fetched (6 h by default; 0: never), so an outage of the issuer's key endpoint does not
   * log every client out. A key withdrawn during the outage is refused once a fetch succeeds again.
   */
  maxStaleMs?: number;
  /** Told each time a verification falls back to the last good set. */
  onStale?: (error: unknown) => void;
  now?: () => number;
}

/** The default of {@link RemoteKeySetOptions.maxStaleMs}. */
export const DEFAULT_JWKS_MAX_STALE_MS = 6 * 3_600_000;

/**
 * An issuer's JWKS endpoint (`jwks_uri`), fetched on first use and cached; a token with an unknown `kid`
 * refetches it (rate-limited by the cooldown), so a newly published key works at once and a withdrawn one is
 * refused once the cache turns over. When a fetch fails, the last set fetched is used until it is
 * `maxStaleMs` old (a failure of the endpoint, not of the token: an unknown `kid` is still refused).
 */
export function remoteKeySet(url: string, options: RemoteKeySetOptions = {}): KeyResolver {
  const remote = createRemoteJWKSet(new URL(url), {
    ...(options.cacheMaxAgeMs === undefined ? {} : { cacheMaxAge: options.cacheMaxAgeMs }),
    ...(options.cooldownMs === undefined ? {} : { cooldownDuration: options.cooldownMs }),
    ...(options.timeoutMs === undefined ? {} : { timeoutDuration: options.timeoutMs }),
  });
  const maxStaleMs = options.maxStaleMs ?? DEFAULT_JWKS_MAX_STALE_MS;
  const now = options.now ?? Date.now;
  let lastGood: { jwks: JSONWebKeySet; resolver: KeyResolver; fetchedAt: number } | undefined;
  return async (protectedHeader, token) => {
    try {
      const key = await remote(protectedHeader, token);
      const jwks = remote.jwks();
      if (jwks && jwks !== lastGood?.jwks) lastGood = { jwks, resolver: createLocalJWKSet(jwks), fetchedAt: now() };
      return key;
    } catch (error) {
      if (!isKeySetFailure(error) || !lastGood || now() - lastGood.fetchedAt > maxStaleMs) throw error;
      try {
        const key = await lastGood.resolver(protectedHeader, token);
        options.onStale?.(error);
        return key;
      } catch {
        // A kid the last set lacks may be one published during the outage: report the outage, not a bad token.
        throw error;
      }
    }
  };
}

/** Whether verification failed because the key set could not be fetched (rather than because of the token). */
export function isKeySetFailure(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true; // network errors (fetch failed, connection refused)
  return error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.code === 'ERR_JOSE_GENERIC';
}

function localSetOf(text: string, path: string): KeyResolver {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON`);
  }
  const keys = (document as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) throw new Error(`${path} is not a JSON Web Key Set ({"keys": [...]})`);
  if (keys.some((key) => typeof key === 'object' && key !== null && 'd' in key)) throw new Error(`${path} holds a private key; a key set has public keys only`);
  return createLocalJWKSet({ keys });
}
