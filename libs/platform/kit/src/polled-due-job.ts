import { OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { logger } from '@sc/logging';
import { DueWork } from './due-work';

/** How a {@link PolledDueJob} is scheduled. */
export interface DueJobSchedule {
  /** Unique in the process: the due-work registration's name, and the log component. */
  name: string;
  /** How often it polls while the process runs workers. */
  intervalMs: number;
  /** Whether this process runs background workers (ServiceConfig.runWorkers). */
  runWorkers: boolean;
  /** What the log says when a run fails (the next poll retries). */
  failure: string;
}

/**
 * A job that acts on whatever has fallen due by the service clock (timers, expiries): registered as due work,
 * so a test that moves the controlled clock runs it at once; polled every `intervalMs` while the process runs
 * workers. A poll never queues behind a run in progress (the next tick picks up what is left), and
 * `runDue` waits for one (it may have read an older now) before running. The subclass does the work in
 * `runOnce`, claiming rows FOR UPDATE SKIP LOCKED so that several pollers never act on one thing twice.
 */
export abstract class PolledDueJob implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  protected constructor(
    private readonly dueWork: DueWork,
    private readonly schedule: DueJobSchedule,
  ) {}

  /** Does everything due now; resolves with how many things it did. */
  protected abstract runOnce(): Promise<number>;

  onModuleInit(): void {
    this.dueWork.register(this.schedule.name, () => this.runDue());
  }

  onApplicationBootstrap(): void {
    if (!this.schedule.runWorkers) return;
    const log = logger(this.schedule.name);
    this.handle = setInterval(() => {
      if (this.running) return;
      this.runDue().catch((error: unknown) => log.warn({ err: error }, `${this.schedule.failure}; the next poll retries`));
    }, this.schedule.intervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running?.catch(() => undefined);
  }

  /** Runs the job once everything in progress has finished; resolves with how many things it did. */
  async runDue(): Promise<number> {
    while (this.running) await this.running.catch(() => 0);
    const run = this.runOnce().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
