import { setTimeout as delay } from 'node:timers/promises';
import { SystemClock, type Clock } from '@sc/kit';
import { BackoffPolicy, DEFAULT_BACKOFF, RestartBackoff } from './restart-backoff';

/** How a process ended: its exit code, or the signal that ended it. */
export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** What a supervisor needs of the process it watches. */
export interface SupervisableChild {
  /** Resolves once, when the process has ended. */
  exitStatus(): Promise<ExitStatus>;
  /** Ends the process gracefully; resolves when it has. */
  stop(): Promise<void>;
}

/** What a supervisor reports: each unexpected exit, each restart that failed, each recovery. */
export type SupervisorEvent =
  | { type: 'exited'; name: string; status: ExitStatus; attempt: number; delayMs: number }
  | { type: 'restart-failed'; name: string; reason: string; attempt: number; delayMs: number }
  | { type: 'recovered'; name: string; attempt: number };

/** Time as a supervisor reads it: "now" for how long a process was healthy, and a wait that an orderly stop cuts short. */
export interface SupervisorTimers {
  clock: Clock;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Real time. */
export const SYSTEM_TIMERS: SupervisorTimers = {
  clock: new SystemClock(),
  sleep: (ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined),
};

/** What to supervise and how. */
export interface SupervisorOptions<C extends SupervisableChild> {
  name: string;
  /**
   * Starts the process and resolves once it is healthy; rejects (leaving nothing running) if it exits first,
   * never becomes healthy, or `signal` aborts because the supervisor is stopping.
   */
  start: (signal: AbortSignal) => Promise<C>;
  policy?: BackoffPolicy;
  timers?: SupervisorTimers;
  report?: (event: SupervisorEvent) => void;
}

/**
 * Keeps one process running: when it exits without having been asked to, it is started again after a
 * backoff ({@link RestartBackoff}), and again if that start fails, until it is healthy or the supervisor is
 * stopped. An orderly {@link stop} never leads to a restart.
 */
export class Supervisor<C extends SupervisableChild> {
  private stopping = false;
  private readonly stopped = new AbortController();
  private readonly backoff: RestartBackoff;
  private readonly timers: SupervisorTimers;
  private readonly watching: Promise<void>;
  private healthySince: number;

  private constructor(
    private readonly options: SupervisorOptions<C>,
    private child: C,
  ) {
    this.backoff = new RestartBackoff(options.policy ?? DEFAULT_BACKOFF);
    this.timers = options.timers ?? SYSTEM_TIMERS;
    this.healthySince = this.timers.clock.now().getTime();
    this.watching = this.watch();
  }

  /** Starts the process once and supervises it from then on; a failure of this first start is the caller's (no retry). */
  static async start<C extends SupervisableChild>(options: SupervisorOptions<C>): Promise<Supervisor<C>> {
    const child = await options.start(new AbortController().signal);
    return new Supervisor(options, child);
  }

  /** The process running now (after a restart, the new one). */
  get current(): C {
    return this.child;
  }

  /** Stops supervising and stops the process: a pending restart is cancelled, one under way is abandoned. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.stopped.abort();
    await this.child.stop();
    await this.watching;
    // A restart that became healthy just as the stop began replaced the child the first stop() reached.
    await this.child.stop();
  }

  private async watch(): Promise<void> {
    for (;;) {
      const status = await this.child.exitStatus();
      if (this.stopping) return;
      let planned = this.backoff.next(this.now() - this.healthySince);
      this.report({ type: 'exited', name: this.options.name, status, ...planned });
      for (;;) {
        await this.timers.sleep(planned.delayMs, this.stopped.signal);
        if (this.stopping) return;
        try {
          this.child = await this.options.start(this.stopped.signal);
        } catch (error) {
          if (this.stopping) return;
          planned = this.backoff.next(undefined);
          this.report({ type: 'restart-failed', name: this.options.name, reason: firstLine(error), ...planned });
          continue;
        }
        this.healthySince = this.now();
        if (this.stopping) return;
        this.report({ type: 'recovered', name: this.options.name, attempt: planned.attempt });
        break;
      }
    }
  }

  private now(): number {
    return this.timers.clock.now().getTime();
  }

  private report(event: SupervisorEvent): void {
    this.options.report?.(event);
  }
}

/** One line for a supervisor's event, as the launcher prints it. */
export function describeSupervisorEvent(event: SupervisorEvent): string {
  switch (event.type) {
    case 'exited': {
      const how = event.status.signal ? `signal ${event.status.signal}` : `code ${event.status.code}`;
      return `${event.name} exited with ${how}; restarting in ${seconds(event.delayMs)} (attempt ${event.attempt})`;
    }
    case 'restart-failed':
      return `${event.name} did not come back (${event.reason}); restarting in ${seconds(event.delayMs)} (attempt ${event.attempt})`;
    case 'recovered':
      return `${event.name} is healthy again (restart attempt ${event.attempt})`;
  }
}

const seconds = (ms: number): string => `${Number((ms / 1000).toFixed(3))} s`;

// Start-up errors carry the process's log tail; the launcher's line keeps only their first line.
const firstLine = (error: unknown): string => (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/:$/, '');
