import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, OrderCancelledV1, OrderLinesCancelledV1, OrderPaidV1, PackageShippedV1, ReturnReceivedV1 } from '@sc/events';
import { EventHandler } from '@sc/messaging';
import { OrderInventoryService } from './order-inventory.service';
import { ReturnInventoryService } from './return-inventory.service';

/** order.paid → commit the order's reserved units. */
@Injectable()
export class OrderPaidHandler implements EventHandler<OrderPaidV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.paid';
  constructor(private readonly orders: OrderInventoryService) {}
  handle(event: EventEnvelope<OrderPaidV1>, manager: EntityManager): Promise<void> {
    return this.orders.commit(manager, event);
  }
}

/** package.shipped → shipped units leave on hand. */
@Injectable()
export class PackageShippedHandler implements EventHandler<PackageShippedV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'package.shipped';
  constructor(private readonly orders: OrderInventoryService) {}
  handle(event: EventEnvelope<PackageShippedV1>, manager: EntityManager): Promise<void> {
    return this.orders.sell(manager, event);
  }
}

/** order.cancelled → release whatever the order still holds. */
@Injectable()
export class OrderCancelledHandler implements EventHandler<OrderCancelledV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.cancelled';
  constructor(private readonly orders: OrderInventoryService) {}
  handle(event: EventEnvelope<OrderCancelledV1>, manager: EntityManager): Promise<void> {
    return this.orders.releaseOrder(manager, event);
  }
}

/** order.lines_cancelled → release the cancelled lines. */
@Injectable()
export class OrderLinesCancelledHandler implements EventHandler<OrderLinesCancelledV1> {
  readonly topic = 'orders.order.v1' as const;
  readonly eventType = 'order.lines_cancelled';
  constructor(private readonly orders: OrderInventoryService) {}
  handle(event: EventEnvelope<OrderLinesCancelledV1>, manager: EntityManager): Promise<void> {
    return this.orders.releaseLines(manager, event);
  }
}

/** return.received → restock RESTOCKED lines. */
@Injectable()
export class ReturnReceivedHandler implements EventHandler<ReturnReceivedV1> {
  readonly topic = 'returns.return.v1' as const;
  readonly eventType = 'return.received';
  constructor(private readonly returns: ReturnInventoryService) {}
  handle(event: EventEnvelope<ReturnReceivedV1>, manager: EntityManager): Promise<void> {
    return this.returns.restock(manager, event);
  }
}
