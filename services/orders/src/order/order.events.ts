import {
  ActorType, EventEnvelope, OrderCancelledV1, OrderConfirmedV1, OrderLinesCancelledV1, OrderPaidV1, OrderPlacedV1, OrderStatusChangedV1,
  PackageShippedV1, createEvent,
} from '@sc/events';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';

/** Correlation of the request or event that caused a change. */
export interface Cause {
  correlationId: string;
  causationId: string | null;
  actor: { type: ActorType; id: string | null };
}

const orderEvent = <T>(order: OrderEntity, type: string, cause: Cause, payload: T): EventEnvelope<T> =>
  createEvent<T>({
    type,
    source: 'orders',
    sellerId: order.sellerId,
    aggregateType: 'Order',
    aggregateId: order.id,
    aggregateVersion: order.version,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    actor: cause.actor,
    payload,
  });

const money = (amountMinor: string, currencyCode: string) => ({ amountMinor, currencyCode });

export const orderPlaced = (order: OrderEntity, lines: OrderLineEntity[], cause: Cause): EventEnvelope<OrderPlacedV1> =>
  orderEvent<OrderPlacedV1>(order, 'order.placed', cause, {
    orderId: order.id,
    buyerId: order.buyerId,
    total: money(order.totalMinor, order.currencyCode),
    lines: lines.map((l) => ({
      orderLineId: l.id,
      skuId: l.skuId,
      productId: l.productId,
      quantity: l.quantity,
      unitPrice: money(l.unitPriceMinor, order.currencyCode),
    })),
  });

export const orderConfirmed = (order: OrderEntity, cause: Cause): EventEnvelope<OrderConfirmedV1> =>
  orderEvent<OrderConfirmedV1>(order, 'order.confirmed', cause, { orderId: order.id, status: order.status });

export const orderCancelled = (order: OrderEntity, cause: Cause, cancelledBy: OrderCancelledV1['cancelledBy']): EventEnvelope<OrderCancelledV1> =>
  orderEvent<OrderCancelledV1>(order, 'order.cancelled', cause, { orderId: order.id, reason: order.cancelReason ?? 'UNSPECIFIED', cancelledBy });

/** A line and the units an event is about. */
export interface LineQuantity {
  orderLineId: string;
  skuId: string;
  quantity: number;
}

export const orderPaid = (order: OrderEntity, lines: LineQuantity[], cause: Cause): EventEnvelope<OrderPaidV1> =>
  orderEvent<OrderPaidV1>(order, 'order.paid', cause, {
    orderId: order.id,
    buyerId: order.buyerId,
    paidAt: order.paidAt!.toISOString(),
    total: money(order.totalMinor, order.currencyCode.trim()),
    lines,
  });

/** Actors `order.status_changed` may name. */
export type StatusActor = OrderStatusChangedV1['actor'];

export const orderStatusChanged = (order: OrderEntity, from: string, actor: StatusActor, reason: string | null, cause: Cause): EventEnvelope<OrderStatusChangedV1> =>
  orderEvent<OrderStatusChangedV1>(order, 'order.status_changed', cause, { orderId: order.id, from, to: order.status, actor, reason });

export const orderLinesCancelled = (order: OrderEntity, reason: string, lines: LineQuantity[], cause: Cause): EventEnvelope<OrderLinesCancelledV1> =>
  orderEvent<OrderLinesCancelledV1>(order, 'order.lines_cancelled', cause, { orderId: order.id, reason, lines });

export const packageShipped = (
  order: OrderEntity,
  pkg: { id: string; carrier: string; trackingNumber: string },
  lines: LineQuantity[],
  cause: Cause,
): EventEnvelope<PackageShippedV1> =>
  orderEvent<PackageShippedV1>(order, 'package.shipped', cause, {
    orderId: order.id,
    packageId: pkg.id,
    carrier: pkg.carrier,
    trackingNumber: pkg.trackingNumber,
    lines,
  });
