import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_ID_HEADER, INTERNAL_CONTEXT_HEADER, requestContextStore, verifyInternalContext, type VerificationKey } from '@sc/auth';
import { queryTallyStore } from '@sc/db';

/**
 * Refuses any GraphQL request that does not carry the gateway's signed statement of the caller (verified with
 * the gateway's public keys only), and runs the rest of the request inside that caller's context.
 */
export function internalAuthMiddleware(verifyKeys: readonly VerificationKey[], countSqlStatements: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = req.headers[INTERNAL_CONTEXT_HEADER];
    if (typeof token !== 'string' || token.length === 0) {
      refuse(res, 'Requests must come through the gateway');
      return;
    }
    verifyInternalContext(token, verifyKeys).then(
      (identity) => {
        const header = req.headers[CORRELATION_ID_HEADER];
        const correlationId = typeof header === 'string' && /^[\w.-]{1,100}$/.test(header) ? header : randomUUID();
        const context = { identity, correlationId, scoped: new Map<string, unknown>() };
        const run = () => requestContextStore.run(context, next);
        if (countSqlStatements) queryTallyStore.run({ count: 0 }, run);
        else run();
      },
      () => refuse(res, 'The gateway credentials are invalid or expired'),
    );
  };
}

function refuse(res: Response, message: string): void {
  res.status(401).json({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
}
