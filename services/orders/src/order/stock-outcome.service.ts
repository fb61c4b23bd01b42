import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@sc/events';
import { appendToOutbox } from '@sc/messaging';
import { OrderRepository } from './order.repository';
import { canTransition } from './order.state-machine';
import { Cause, orderConfirmed } from './order.events';
import { applyTransition, cancelWholeOrder } from './lifecycle/order-transition';
import { unpaidExpiresAt } from './policy/deadlines';
import { policyOf } from './policy/region-policy';
import { CLOCK, Clock } from '../clock/clock';
import { scheduleTimer } from '../scheduler/timer-schedule';
import { TimerKind } from '../scheduler/order-timer.entity';

/** Applies catalog's answer to an order's stock reservation. */
@Injectable()
export class StockOutcomeService {
  constructor(
    private readonly orders: OrderRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Stock reserved: PENDING → UNPAID, and the unpaid window starts. An order no longer PENDING is left as it is. */
  async confirm(manager: EntityManager, outcome: EventEnvelope<{ orderId: string }>): Promise<void> {
    const order = await this.orders.lockById(manager, outcome.payload.orderId, outcome.sellerId);
    if (!order || !canTransition(order.status, 'confirmStock', 'SYSTEM')) return;
    const now = this.clock.now();
    const expiresAt = unpaidExpiresAt(now, policyOf(order.region));
    const cause = this.causeOf(outcome);
    await applyTransition(manager, order, 'confirmStock', 'SYSTEM', now, cause, { reason: 'STOCK_RESERVED', extra: { unpaidExpiresAt: expiresAt } });
    await scheduleTimer(manager, order, TimerKind.UNPAID_EXPIRY, expiresAt);
    await appendToOutbox(manager, 'orders.order.v1', [orderConfirmed(order, cause)]);
  }

  /** Stock refused: PENDING → CANCELLED with catalog's reason. */
  async reject(manager: EntityManager, outcome: EventEnvelope<{ orderId: string; reason: string }>): Promise<void> {
    const order = await this.orders.lockById(manager, outcome.payload.orderId, outcome.sellerId);
    if (!order || !canTransition(order.status, 'rejectForStock', 'SYSTEM')) return;
    await cancelWholeOrder(manager, order, 'rejectForStock', 'SYSTEM', 'SYSTEM', outcome.payload.reason, this.clock.now(), this.causeOf(outcome));
  }

  private causeOf(event: EventEnvelope): Cause {
    return { correlationId: event.correlationId, causationId: event.id, actor: { type: 'SYSTEM', id: null } };
  }
}
