import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { DestinationStream, Logger } from 'pino';

/** Fields every line logged inside a unit of work carries (a request, an event being applied). */
export interface LogContext {
  correlationId?: string;
  [field: string]: unknown;
}

const contextStore = new AsyncLocalStorage<LogContext>();
const contextSources: Array<() => LogContext | undefined> = [];

/**
 * Runs `work` with `context` added to every line it logs, however deep in its async calls (the event
 * consumer wraps each event in its correlation id this way).
 */
export function withLogContext<T>(context: LogContext, work: () => T): T {
  return contextStore.run({ ...contextStore.getStore(), ...context }, work);
}

/**
 * Adds a source of context fields read on every line (the subgraphs register their request context here,
 * so each line of a request carries its correlation id without the caller passing it).
 */
export function addLogContextSource(source: () => LogContext | undefined): void {
  contextSources.push(source);
}

function currentFields(): LogContext {
  let fields: LogContext = {};
  for (const source of contextSources) fields = { ...fields, ...source() };
  return { ...fields, ...contextStore.getStore() };
}

let root: Logger = createRootLogger('app');
let generation = 0;

function createRootLogger(service: string, destination?: DestinationStream): Logger {
  const options = {
    base: { service },
    level: process.env.LOG_LEVEL ?? 'info',
    // ISO 8601 UTC, as every other time in the system; `level` as its name, for people and log shippers alike.
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
    mixin: currentFields,
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * Names the process in every line (`service`) and, for tests, where lines go. Call once at start-up,
 * before anything logs; loggers taken with {@link logger} earlier follow the new root.
 */
export function configureLogging(service: string, destination?: DestinationStream): void {
  root = createRootLogger(service, destination);
  generation += 1;
}

/**
 * A structured logger for a component: one JSON object per line with time, level, service, component,
 * the correlation id of the work in progress and the given fields. Errors go under `err` (pino serializes
 * their message and stack); pass them only for unexpected failures.
 */
export function logger(component: string): Logger {
  let made = -1;
  let child: Logger = root;
  const current = (): Logger => {
    if (made !== generation) {
      child = root.child({ component });
      made = generation;
    }
    return child;
  };
  return new Proxy({} as Logger, {
    get(_target, property) {
      const target = current();
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
