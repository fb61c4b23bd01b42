import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CommandRunner, DueWork, PolledDueJob, systemCause, writeTx } from '@sc/kit';
import { SERVICE_CONFIG, ServiceConfig } from '@sc/service';
import { OrderEntity } from '../order/order.entity';
import { ORDER_TIMERS, OrderTimers } from '../order/order-timers';
import { OrderTimerEntity } from './order-timer.entity';
import { applyTimer } from './timer-effects';

const POLL_INTERVAL_MS = 250;

/**
 * Fires due order timers. Each timer is claimed with FOR UPDATE SKIP LOCKED (several instances may poll)
 * and marked fired in the same transaction as its effect, so it fires exactly once. Registered as due work,
 * so moving a test clock fires the timers it makes due.
 */
@Injectable()
export class TimerScheduler extends PolledDueJob {
  constructor(
    private readonly runner: CommandRunner,
    dueWork: DueWork,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(ORDER_TIMERS) private readonly timers: OrderTimers,
  ) {
    super(dueWork, { name: 'orders.timers', intervalMs: POLL_INTERVAL_MS, runWorkers: config.runWorkers, failure: 'firing due timers failed' });
  }

  /** Fires every timer due by the clock's now; resolves with how many fired. */
  protected async runOnce(): Promise<number> {
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
