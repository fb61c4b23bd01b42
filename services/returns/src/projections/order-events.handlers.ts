import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, OrderCancelledV1, OrderConfirmedV1, OrderLinesCancelledV1, OrderPaidV1, OrderPlacedV1, OrderStatusChangedV1, PackageShippedV1,
} from '@sc/events';
import { EventHandler } from '@sc/messaging';
import { OrderProjectionWriter } from './order-projection.writer';
import { ProjectedOrderStatus } from './projected-order-status';
import { CloseRequestsOfCancelledOrder } from '../return-request/close-requests-of-cancelled-order';

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

/** order.cancelled → CANCELLED; a cancelled order accepts no return request, and its undecided ones are closed. */
@Injectable()
export class OrderCancelledHandler implements EventHandler<OrderCancelledV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.cancelled';

  constructor(
    private readonly writer: OrderProjectionWriter,
    private readonly closer: CloseRequestsOfCancelledOrder,
  ) {}

  async handle(event: EventEnvelope<OrderCancelledV1>, manager: EntityManager): Promise<void> {
    await this.writer.applyStatus(manager, event, ProjectedOrderStatus.CANCELLED);
    await this.closer.close(manager, event);
  }
}

/** order.paid → the payment time; only a paid order can be refunded. */
@Injectable()
export class OrderPaidHandler implements EventHandler<OrderPaidV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.paid';

  constructor(private readonly writer: OrderProjectionWriter) {}

  handle(event: EventEnvelope<OrderPaidV1>, manager: EntityManager): Promise<void> {
    return this.writer.applyPaid(manager, event);
  }
}

/** order.status_changed → the order's current status (shipping, delivery, completion) and when it was delivered. */
@Injectable()
export class OrderStatusChangedHandler implements EventHandler<OrderStatusChangedV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.status_changed';

  constructor(private readonly writer: OrderProjectionWriter) {}

  handle(event: EventEnvelope<OrderStatusChangedV1>, manager: EntityManager): Promise<void> {
    return this.writer.applyStatusChanged(manager, event);
  }
}

/** package.shipped → units that left the seller; only shipped units can be returned or refunded after sale. */
@Injectable()
export class PackageShippedHandler implements EventHandler<PackageShippedV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'package.shipped';

  constructor(private readonly writer: OrderProjectionWriter) {}

  handle(event: EventEnvelope<PackageShippedV1>, manager: EntityManager): Promise<void> {
    return this.writer.applyShipped(manager, event);
  }
}

/**
 * order.lines_cancelled → units cancelled before shipment, which their cancellation refunds (never after-sales),
 * and every line's re-split shares of the discount and fee, which later refunds are priced from.
 */
@Injectable()
export class OrderLinesCancelledHandler implements EventHandler<OrderLinesCancelledV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.lines_cancelled';

  constructor(private readonly writer: OrderProjectionWriter) {}

  handle(event: EventEnvelope<OrderLinesCancelledV1>, manager: EntityManager): Promise<void> {
    return this.writer.applyLinesCancelled(manager, event);
  }
}
