import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { CORRELATION_ID_HEADER } from '@sc/auth';
import type { GatewayLocals } from './gateway-context';

// Same rule the subgraphs apply, so an id accepted here is passed through unchanged end to end.
const SANE_CORRELATION_ID = /^[\w.-]{1,100}$/;

/** Keeps a well-formed incoming x-correlation-id (or makes a UUID), echoes it on the response and returns it. */
export function assignCorrelationId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[CORRELATION_ID_HEADER];
  const id = typeof incoming === 'string' && SANE_CORRELATION_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(CORRELATION_ID_HEADER, id);
  return id;
}

/** The same for the express routes (health, explorer). */
export function correlationId() {
  return (req: Request, res: Response, next: NextFunction): void => {
    (res.locals as GatewayLocals).correlationId = assignCorrelationId(req, res);
    next();
  };
}
