import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileKeySet, isKeySetFailure, remoteKeySet, verifyClientToken, type Identity, type KeyResolver } from '@sc/auth';
import type { ClientTokenConfig } from './config';
import { sendGraphQLError } from './graphql-error-response';
import { log } from './log';
import { VerifiedTokenCache } from './verified-token-cache';

const BEARER = /^Bearer\s+(\S+)\s*$/i;
/** At most one log line per this interval about a key set that cannot be read or fetched. */
const KEY_SET_LOG_INTERVAL_MS = 10_000;

/** Resolves the verified caller of a request, or answers 401 itself and resolves `undefined`. */
export type Authenticator = (req: IncomingMessage, res: ServerResponse) => Promise<Identity | undefined>;

/**
 * The issuer's public keys as the config names them: a JWKS URL (jose's remote set: cached, refetched for an
 * unknown `kid` after a cooldown) or a JWKS file (re-read when it changes). Either way a rotation needs no
 * restart. A file that cannot be read at start throws here, so the gateway refuses to start.
 */
export function clientKeySet(config: ClientTokenConfig): KeyResolver {
  const { jwks } = config;
  if ('url' in jwks) {
    const stale = throttled((error: unknown) =>
      log('warn', 'AUTH_JWKS_URL cannot be fetched; verifying with the key set fetched last', {
        error: error instanceof Error ? error.message : String(error),
      }),
    );
    return remoteKeySet(jwks.url, {
      cacheMaxAgeMs: jwks.cacheMaxAgeMs,
      cooldownMs: jwks.cooldownMs,
      timeoutMs: jwks.timeoutMs,
      maxStaleMs: jwks.maxStaleMs,
      onStale: stale,
    });
  }
  const complain = throttled((error: Error) =>
    log('warn', 'AUTH_JWKS_FILE unreadable; keeping the keys read before', { file: jwks.file, error: error.message }),
  );
  return fileKeySet(jwks.file, { checkIntervalMs: jwks.checkIntervalMs, onInvalid: complain });
}

/**
 * Verifies `Authorization: Bearer <token>` before any GraphQL work (and before the body is read), so
 * unauthenticated callers cost almost nothing. Introspection needs a token too: the explorer sends it.
 * Tokens must be EdDSA-signed by a key of the issuer's set, with the configured issuer and audience, and
 * `exp` and `iat` within AUTH_MAX_TOKEN_LIFETIME of each other (see verifyClientToken).
 */
export function authenticator(config: ClientTokenConfig, keys: KeyResolver = clientKeySet(config)): Authenticator {
  const policy = { issuer: config.issuer, audience: config.audience, maxLifetimeSeconds: config.maxLifetimeSeconds };
  const unavailable = throttled((error: unknown) =>
    log('warn', 'AUTH_JWKS_UNAVAILABLE: client token keys could not be fetched; tokens are refused', {
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  const tokens = new VerifiedTokenCache((token) => verifyClientToken(token, keys, policy));
  return async (req, res) => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    if (!match) {
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Missing bearer token (Authorization: Bearer <token>)');
      return undefined;
    }
    try {
      return await tokens.identityOf(match[1]);
    } catch (error) {
      if (isKeySetFailure(error)) unavailable(error);
      // One message for every failure: the reason (expired, bad signature…) helps attackers more than users.
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Invalid or expired token');
      return undefined;
    }
  };
}

function throttled<T>(report: (value: T) => void): (value: T) => void {
  let last = -Infinity;
  return (value) => {
    const now = Date.now();
    if (now - last < KEY_SET_LOG_INTERVAL_MS) return;
    last = now;
    report(value);
  };
}
