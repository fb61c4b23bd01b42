/** Injection token of the {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The one source of "now" for order deadlines and timers, so tests can move time. */
export interface Clock {
  now(): Date;
}

/** Wall-clock time. */
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
