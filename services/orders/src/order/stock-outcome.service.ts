import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope } from '@sc/events';
import { WriteTx } from '@sc/kit';
import { OrderRepository } from './order.repository';
import { canTransition } from './order.state-machine';
import { orderConfirmed } from './order.events';
import { applyTransition, cancelOrder } from './lifecycle/order-transition';
import { unpaidExpiresAt } from './policy/deadlines';
import { policyOf } from './policy/region-policy';
import { ORDER_TIMERS, OrderTimers, TimerKind } from './order-timers';

/** Applies catalog's answer to an order's stock reservation, in the consumer's transaction (`tx`, caused by the answer). */
@Injectable()
export class StockOutcomeService {
  constructor(
    private readonly orders: OrderRepository,
    @Inject(ORDER_TIMERS) private readonly timers: OrderTimers,
  ) {}

  /** Stock reserved: PENDING → UNPAID, and the unpaid window starts. An order no longer PENDING is left as it is. */
  async confirm(tx: WriteTx, outcome: EventEnvelope<{ orderId: string }>): Promise<void> {
    const order = await this.orders.lockById(tx.manager, outcome.payload.orderId, outcome.sellerId);
    if (!order || !canTransition(order.status, 'confirmStock', 'SYSTEM')) return;
    const expiresAt = unpaidExpiresAt(tx.now, policyOf(order.region));
    await applyTransition(tx, order, 'confirmStock', 'SYSTEM', { reason: 'STOCK_RESERVED', extra: { unpaidExpiresAt: expiresAt } });
    await this.timers.schedule(tx, order, TimerKind.UNPAID_EXPIRY, expiresAt);
    await tx.emit('orders.order.v1', [orderConfirmed(order, tx.cause)]);
  }

  /** Stock refused: PENDING → CANCELLED with catalog's reason (a PENDING order has no cancellation request to settle). */
  async reject(tx: WriteTx, outcome: EventEnvelope<{ orderId: string; reason: string }>): Promise<void> {
    const order = await this.orders.lockById(tx.manager, outcome.payload.orderId, outcome.sellerId);
    if (!order || !canTransition(order.status, 'rejectForStock', 'SYSTEM')) return;
    await cancelOrder(tx, order, 'rejectForStock', 'SYSTEM', 'SYSTEM', outcome.payload.reason);
  }
}
