import { logger } from '@sc/logging';

const gatewayLog = logger('gateway');

/**
 * One JSON line through the shared structured logger (pino): time, level, service, the correlation id of
 * the request being served (see graphqlHttpHandler) and the given fields.
 */
export function log(level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, unknown> = {}): void {
  gatewayLog[level](fields, msg);
}
