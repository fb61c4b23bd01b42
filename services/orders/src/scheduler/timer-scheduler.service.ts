import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { CommandRunner, DueWork, systemCause, writeTx } from '@sc/kit';
import { SERVICE_CONFIG, ServiceConfig } from '@sc/service';
import { OrderEntity } from '../order/order.entity';
import { ORDER_TIMERS, OrderTimers } from '../order/order-timers';
import { OrderTimerEntity } from './order-timer.entity';
import { applyTimer } from './timer-effects';
import { logger } from '@sc/logging';

const log = logger('timers');

const POLL_INTERVAL_MS = 250;

/**
 * Fires due order timers. Each timer is claimed with FOR UPDATE SKIP LOCKED (several instances may poll)
 * and marked fired in the same transaction as its effect, so it fires exactly once. Registered as due work,
 * so moving a test clock fires the timers it makes due.
 */
@Injectable()
export class TimerScheduler implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly runner: CommandRunner,
    private readonly dueWork: DueWork,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(ORDER_TIMERS) private readonly timers: OrderTimers,
  ) {}

  onModuleInit(): void {
    this.dueWork.register('orders.timers', () => this.runDue());
  }

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    const poll = () => {
      if (this.running) return; // the poller never queues behind a run; the next tick picks up what is left
      this.runDue().catch((error: unknown) => log.warn({ err: error }, 'firing due timers failed; the next poll retries'));
    };
    this.handle = setInterval(poll, POLL_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running?.catch(() => undefined);
  }

  /**
   * Fires every timer due by the clock's now; resolves with how many fired. A run already in progress may
   * have read an older "now", so this waits for it and then runs again (SKIP LOCKED keeps overlaps safe).
   */
  async runDue(): Promise<number> {
    while (this.running) await this.running.catch(() => 0);
    const run = this.fireAll().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  private async fireAll(): Promise<number> {
    let fired = 0;
    while (await this.fireOne()) fired += 1;
    return fired;
  }

  private fireOne(): Promise<boolean> {
    return this.runner.write(
      (now) => systemCause(randomUUID(), now),
      async (tx) => {
        const { manager, now } = tx;
        const timer = await manager
          .getRepository(OrderTimerEntity)
          .createQueryBuilder('t')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where('t.firedAt IS NULL AND t.dueAt <= :now', { now })
          .orderBy('t.dueAt')
          .limit(1)
          .getOne();
        if (!timer) return false;
        const order = await manager
          .getRepository(OrderEntity)
          .createQueryBuilder('o')
          .setLock('pessimistic_write')
          .where('o.id = :id', { id: timer.orderId })
          .getOne();
        // The timer's events name it as their actor.
        if (order) await applyTimer(writeTx(manager, { ...tx.cause, actor: { type: 'SYSTEM', id: `timer:${timer.kind}` } }), timer, order, this.timers);
        await manager.update(OrderTimerEntity, { id: timer.id }, { firedAt: now });
        return true;
      },
    );
  }
}
