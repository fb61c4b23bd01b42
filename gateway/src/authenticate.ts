import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyClientToken, type Identity } from '@sc/auth';
import { sendGraphQLError } from './graphql-error-response';
import { VerifiedTokenCache } from './verified-token-cache';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Resolves the verified caller of a request, or answers 401 itself and resolves `undefined`. */
export type Authenticator = (req: IncomingMessage, res: ServerResponse) => Promise<Identity | undefined>;

/**
 * Verifies `Authorization: Bearer <token>` before any GraphQL work (and before the body is read), so
 * unauthenticated callers cost almost nothing. Introspection needs a token too: the explorer sends it.
 */
export function authenticator(authJwtSecret: string): Authenticator {
  const tokens = new VerifiedTokenCache((token) => verifyClientToken(token, authJwtSecret));
  return async (req, res) => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    if (!match) {
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Missing bearer token (Authorization: Bearer <token>)');
      return undefined;
    }
    try {
      return await tokens.identityOf(match[1]);
    } catch {
      // One message for every failure: the reason (expired, bad signature…) helps attackers more than users.
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Invalid or expired token');
      return undefined;
    }
  };
}
