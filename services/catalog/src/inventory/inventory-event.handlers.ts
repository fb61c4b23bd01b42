import { Injectable } from '@nestjs/common';
import { EventEnvelope, OrderCancelledV1, OrderLinesCancelledV1, OrderPaidV1, OrderPlacedV1, PackageShippedV1, ReturnReceivedV1 } from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';
import { ReservationService } from './reservation.service';
import { OrderInventoryService } from './order-inventory.service';
import { ReturnInventoryService } from './return-inventory.service';

/**
 * The order and return events that move stock, each applied exactly once in the consumer's inbox
 * transaction (`tx`), whose outbox receives the inventory events they cause.
 */
@Injectable()
export class InventoryEventHandlers {
  constructor(
    private readonly reservations: ReservationService,
    private readonly orders: OrderInventoryService,
    private readonly returns: ReturnInventoryService,
  ) {}

  /** order.placed → reserve stock for every line or none. */
  @OnEvent('orders.order.v1', 'order.placed')
  onOrderPlaced(event: EventEnvelope<OrderPlacedV1>, tx: WriteTx): Promise<void> {
    return this.reservations.reserveForOrder(tx, event);
  }

  /** order.paid → commit the order's reserved units. */
  @OnEvent('orders.order.v1', 'order.paid')
  onOrderPaid(event: EventEnvelope<OrderPaidV1>, tx: WriteTx): Promise<void> {
    return this.orders.commit(tx, event);
  }

  /** package.shipped → shipped units leave on hand. */
  @OnEvent('orders.order.v1', 'package.shipped')
  onPackageShipped(event: EventEnvelope<PackageShippedV1>, tx: WriteTx): Promise<void> {
    return this.orders.sell(tx, event);
  }

  /** order.cancelled → release whatever the order still holds. */
  @OnEvent('orders.order.v1', 'order.cancelled')
  onOrderCancelled(event: EventEnvelope<OrderCancelledV1>, tx: WriteTx): Promise<void> {
    return this.orders.releaseOrder(tx, event);
  }

  /** order.lines_cancelled → release the cancelled lines. */
  @OnEvent('orders.order.v1', 'order.lines_cancelled')
  onOrderLinesCancelled(event: EventEnvelope<OrderLinesCancelledV1>, tx: WriteTx): Promise<void> {
    return this.orders.releaseLines(tx, event);
  }

  /** return.received → restock RESTOCKED lines. */
  @OnEvent('returns.return.v1', 'return.received')
  onReturnReceived(event: EventEnvelope<ReturnReceivedV1>, tx: WriteTx): Promise<void> {
    return this.returns.restock(tx, event);
  }
}
