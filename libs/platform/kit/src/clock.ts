import { requestContextStore, requestScoped } from '@sc/auth';
import { readClockMode } from './clock-mode';

/** Injection token of the service's {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/**
 * The one source of "now" in a service: rows, deadlines, timers, windows and events' `occurredAt` all
 * read it, so a test stack can move time for every one of them at once.
 */
export interface Clock {
  now(): Date;
}

/** Wall-clock time. The only place in the services that reads the system clock. */
export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

/**
 * Time that stands still until told to move (test stacks): it starts at the real time of process start,
 * so "just before a deadline" stays just before it however long a test takes.
 */
export class ControlledClock implements Clock {
  private current = Date.now();

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time forward; time never goes back, so fired timers stay consistent. */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('A controlled clock only moves forward');
    this.current += ms;
    return this.now();
  }

  /** Jumps to `at` if it lies ahead. */
  set(at: Date): Date {
    return this.advance(Math.max(0, at.getTime() - this.current));
  }
}

/** The process's clock for its CLOCK_MODE (see {@link readClockMode}, which refuses a controlled clock in production). */
export function clockForEnvironment(env: NodeJS.ProcessEnv = process.env): Clock {
  return readClockMode(env) === 'controlled' ? new ControlledClock() : new SystemClock();
}

/**
 * "Now" for the request being served, read from `clock` once and reused, so every status and window in
 * one response is judged at the same instant. Outside a request it is simply `clock.now()`.
 */
export function requestNow(clock: Clock): Date {
  return requestContextStore.getStore() ? requestScoped('kit.requestNow', () => clock.now()) : clock.now();
}
