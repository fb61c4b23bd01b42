import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessagingHost, SERVICE_CONFIG, ServiceConfig } from '@sc/service';
import { CLOCK, Clock } from '../clock/clock';
import { OrderEntity } from '../order/order.entity';
import { OrderTimerEntity } from './order-timer.entity';
import { applyTimer } from './timer-effects';

const POLL_INTERVAL_MS = 250;

/**
 * Fires due order timers. Each timer is claimed with FOR UPDATE SKIP LOCKED (several instances may poll)
 * and marked fired in the same transaction as its effect, so it fires exactly once.
 */
@Injectable()
export class TimerScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly messaging: MessagingHost,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    const poll = () => {
      if (this.running) return; // the poller never queues behind a run; the next tick picks up what is left
      this.runDue().catch((error) => console.warn(JSON.stringify({ level: 'warn', component: 'timers', error: String(error) })));
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
    if (fired > 0) this.messaging.nudge();
    return fired;
  }

  private fireOne(): Promise<boolean> {
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
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
      const order = await manager.getRepository(OrderEntity).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id: timer.orderId }).getOne();
      const cause = { correlationId: randomUUID(), causationId: null, actor: { type: 'SYSTEM' as const, id: `timer:${timer.kind}` } };
      if (order) await applyTimer(manager, timer, order, now, cause);
      await manager.update(OrderTimerEntity, { id: timer.id }, { firedAt: now });
      return true;
    });
  }
}
