import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderCancelledV1, OrderConfirmedV1, OrderPlacedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';
import { OrderProjectionWriter } from './order-projection.writer';
import { ProjectedOrderStatus } from './projected-order-status';

/** order.placed → the order, its buyer and its lines in returns' order read model. */
@Injectable()
export class OrderPlacedHandler implements EventHandler<OrderPlacedV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.placed';

  constructor(private readonly writer: OrderProjectionWriter) {}

  handle(event: EventEnvelope<OrderPlacedV1>, manager: EntityManager): Promise<void> {
    return this.writer.applyPlaced(manager, event);
  }
}

/** order.confirmed → the status orders reports (UNPAID today). */
@Injectable()
export class OrderConfirmedHandler implements EventHandler<OrderConfirmedV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.confirmed';

  constructor(private readonly writer: OrderProjectionWriter) {}

  handle(event: EventEnvelope<OrderConfirmedV1>, manager: EntityManager): Promise<void> {
    return this.writer.applyStatus(manager, event, event.payload.status);
  }
}

/** order.cancelled → CANCELLED; a cancelled order accepts no return request. */
@Injectable()
export class OrderCancelledHandler implements EventHandler<OrderCancelledV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.cancelled';

  constructor(private readonly writer: OrderProjectionWriter) {}

  handle(event: EventEnvelope<OrderCancelledV1>, manager: EntityManager): Promise<void> {
    return this.writer.applyStatus(manager, event, ProjectedOrderStatus.CANCELLED);
  }
}
