import type { LoggerService } from '@nestjs/common';
import { logger } from './logger';

const nest = logger('nest');

/** Nest's own messages (start-up, routes, its exception handler) as structured lines through pino. */
export class StructuredNestLogger implements LoggerService {
  // Nest's "log" level is its start-up chatter (modules, routes): debug here, so a start-up is a few lines.
  log(message: unknown, context?: string): void {
    nest.debug({ context }, String(message));
  }

  warn(message: unknown, context?: string): void {
    nest.warn({ context }, String(message));
  }

  error(message: unknown, ...rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    if (message instanceof Error) nest.error({ context, err: message }, message.message);
    else nest.error({ context, stack: typeof rest[0] === 'string' && rest.length > 1 ? rest[0] : undefined }, String(message));
  }

  debug(message: unknown, context?: string): void {
    nest.debug({ context }, String(message));
  }

  verbose(message: unknown, context?: string): void {
    nest.trace({ context }, String(message));
  }
}
