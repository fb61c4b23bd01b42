import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, QueryRunner } from 'typeorm';
import { logger } from '@sc/logging';

const log = logger('typeorm');

/** Per-request tally of SQL statements, used by contract tests that prove batching. */
export interface QueryTally {
  count: number;
}

/** Holds the tally of the request being served, when counting is switched on. */
export const queryTallyStore = new AsyncLocalStorage<QueryTally>();

/** Counts every statement TypeORM sends inside a request that opted in; logs slow queries and errors only. */
export class CountingQueryLogger extends AbstractLogger {
  override logQuery(): void {
    const tally = queryTallyStore.getStore();
    if (tally) tally.count += 1;
  }

  protected override writeLog(level: LogLevel, message: LogMessage | LogMessage[], _runner?: QueryRunner): void {
    if (level === 'error' || level === 'warn') {
      const messages = Array.isArray(message) ? message : [message];
      for (const m of messages) log[level]({ type: m.type }, String(m.message));
    }
  }
}
