import type { NextFunction, Request, Response } from 'express';
import { sendGraphQLError } from './graphql-error-response';
import { log } from './log';
import type { GatewayLocals } from './gateway-context';

interface HttpishError {
  status?: number;
  type?: string;
}

/**
 * Turns express's own failures (body over the size limit, malformed JSON) into GraphQL-shaped JSON
 * instead of express's default HTML page, and never leaks a stack trace.
 */
export function bodyErrorHandler() {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const { status, type } = (error ?? {}) as HttpishError;
    if (type === 'entity.too.large') {
      sendGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE', 'Request body too large');
    } else if (type === 'entity.parse.failed') {
      sendGraphQLError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
    } else if (status && status >= 400 && status < 500) {
      sendGraphQLError(res, status, 'BAD_REQUEST', 'Bad request');
    } else {
      const { correlationId } = res.locals as GatewayLocals;
      log('error', 'unhandled request error', { correlationId, error: String(error) });
      sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  };
}
