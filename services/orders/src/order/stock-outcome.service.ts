import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@sc/events';
import { appendToOutbox } from '@sc/messaging';
import { OrderRepository } from './order.repository';
import { canTransition, nextOrderStatus } from './order.state-machine';
import { orderCancelled, orderConfirmed } from './order.events';

/** Applies catalog's answer to an order's stock reservation. */
@Injectable()
export class StockOutcomeService {
  constructor(private readonly orders: OrderRepository) {}

  /** Stock reserved: PENDING → UNPAID. An order no longer PENDING is left as it is. */
  async confirm(manager: EntityManager, outcome: EventEnvelope<{ orderId: string }>): Promise<void> {
    const order = await this.orders.lockById(manager, outcome.payload.orderId, outcome.sellerId);
    if (!order || !canTransition(order.status, 'confirmStock', 'SYSTEM')) return;
    order.status = nextOrderStatus(order.status, 'confirmStock', 'SYSTEM');
    order.version += 1;
    order.updatedAt = new Date();
    await manager.save(order);
    await appendToOutbox(manager, 'orders.order.v1', [orderConfirmed(order, this.causeOf(outcome))]);
  }

  /** Stock refused: PENDING → CANCELLED with catalog's reason. */
  async reject(manager: EntityManager, outcome: EventEnvelope<{ orderId: string; reason: string }>): Promise<void> {
    const order = await this.orders.lockById(manager, outcome.payload.orderId, outcome.sellerId);
    if (!order || !canTransition(order.status, 'rejectForStock', 'SYSTEM')) return;
    order.status = nextOrderStatus(order.status, 'rejectForStock', 'SYSTEM');
    order.cancelReason = outcome.payload.reason;
    order.version += 1;
    order.updatedAt = new Date();
    await manager.save(order);
    await appendToOutbox(manager, 'orders.order.v1', [orderCancelled(order, this.causeOf(outcome), 'SYSTEM')]);
  }

  private causeOf(event: EventEnvelope) {
    return { correlationId: event.correlationId, causationId: event.id, actor: { type: 'SYSTEM' as const, id: null } };
  }
}
