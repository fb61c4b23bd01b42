import { Injectable } from '@nestjs/common';

/** A job that does whatever has fallen due by the clock's now, and says how many things it did. */
export type DueJob = () => Promise<number>;

/**
 * The jobs that act on time (timers, expiries). A test stack moves the controlled clock and then runs
 * them all at once, so a test sees the effect of the new "now" without waiting for a poller.
 */
@Injectable()
export class DueWork {
  private readonly jobs = new Map<string, DueJob>();

  /** Registers a job under a name unique in the process (a second registration replaces the first). */
  register(name: string, job: DueJob): void {
    this.jobs.set(name, job);
  }

  /** Runs every job in turn; resolves with the total of what they did. */
  async runAll(): Promise<number> {
    let done = 0;
    for (const job of this.jobs.values()) done += await job();
    return done;
  }
}
