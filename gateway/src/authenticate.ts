import type { NextFunction, Request, Response } from 'express';
import { verifyClientToken } from '@sc/auth';
import type { GatewayLocals } from './gateway-context';
import { sendGraphQLError } from './graphql-error-response';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Verifies `Authorization: Bearer <token>` before any GraphQL work (and before the body is parsed),
 * so unauthenticated callers cost almost nothing. Introspection needs a token too: the explorer sends it.
 */
export function authenticate(authJwtSecret: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const match = BEARER.exec(req.headers.authorization ?? '');
    if (!match) {
      sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Missing bearer token (Authorization: Bearer <token>)');
      return;
    }
    verifyClientToken(match[1], authJwtSecret).then(
      (identity) => {
        (res.locals as GatewayLocals).identity = identity;
        next();
      },
      // One message for every failure: the reason (expired, bad signature…) helps attackers more than users.
      () => sendGraphQLError(res, 401, 'UNAUTHENTICATED', 'Invalid or expired token'),
    );
  };
}
