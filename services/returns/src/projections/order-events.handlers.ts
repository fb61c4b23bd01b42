import { Inject, Injectable } from '@nestjs/common';
import {
  EventEnvelope,
  OrderCancelledV1,
  OrderConfirmedV1,
  OrderLinesCancelledV1,
  OrderPaidV1,
  OrderPlacedV1,
  OrderStatusChangedV1,
  PackageShippedV1,
} from '@sc/events';
import { OnEvent, WriteTx } from '@sc/kit';
import { OrderProjectionWriter } from './order-projection.writer';
import { ProjectedOrderStatus } from './projected-order-status';
import { ORDER_CANCELLED_LISTENER, OrderCancelledListener } from './order-cancelled.listener';

/**
 * orders.order.v1 → returns' read model of orders (and, on a whole-order cancellation, its undecided
 * requests). Each method runs in the consumer's inbox transaction.
 */
@Injectable()
export class OrderEventHandlers {
  constructor(
    private readonly writer: OrderProjectionWriter,
    @Inject(ORDER_CANCELLED_LISTENER) private readonly closer: OrderCancelledListener,
  ) {}

  /** order.placed → the order, its buyer and its lines in returns' order read model. */
  @OnEvent('orders.order.v1', 'order.placed')
  onPlaced(event: EventEnvelope<OrderPlacedV1>, tx: WriteTx): Promise<void> {
    return this.writer.applyPlaced(tx, event);
  }

  /** order.confirmed → the status orders reports (UNPAID today). */
  @OnEvent('orders.order.v1', 'order.confirmed')
  onConfirmed(event: EventEnvelope<OrderConfirmedV1>, tx: WriteTx): Promise<void> {
    return this.writer.applyStatus(tx, event, event.payload.status);
  }

  /** order.cancelled → CANCELLED; a cancelled order accepts no return request, and its undecided ones are closed. */
  @OnEvent('orders.order.v1', 'order.cancelled')
  async onCancelled(event: EventEnvelope<OrderCancelledV1>, tx: WriteTx): Promise<void> {
    await this.writer.applyStatus(tx, event, ProjectedOrderStatus.CANCELLED);
    await this.closer.close(tx, event);
  }

  /** order.paid → the payment time; only a paid order can be refunded. */
  @OnEvent('orders.order.v1', 'order.paid')
  onPaid(event: EventEnvelope<OrderPaidV1>, tx: WriteTx): Promise<void> {
    return this.writer.applyPaid(tx, event);
  }

  /** order.status_changed → the order's current status (shipping, delivery, completion) and when it was delivered. */
  @OnEvent('orders.order.v1', 'order.status_changed')
  onStatusChanged(event: EventEnvelope<OrderStatusChangedV1>, tx: WriteTx): Promise<void> {
    return this.writer.applyStatusChanged(tx, event);
  }

  /** package.shipped → units that left the seller; only shipped units can be returned or refunded after sale. */
  @OnEvent('orders.order.v1', 'package.shipped')
  onPackageShipped(event: EventEnvelope<PackageShippedV1>, tx: WriteTx): Promise<void> {
    return this.writer.applyShipped(tx, event);
  }

  /**
   * order.lines_cancelled → units cancelled before shipment, which their cancellation refunds (never after-sales),
   * and every line's re-split shares of the discount and fee, which later refunds are priced from.
   */
  @OnEvent('orders.order.v1', 'order.lines_cancelled')
  onLinesCancelled(event: EventEnvelope<OrderLinesCancelledV1>, tx: WriteTx): Promise<void> {
    return this.writer.applyLinesCancelled(tx, event);
  }
}
