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
import { Cause, aggregateEvent } from '@sc/kit';
import { OrderEntity } from './order.entity';
import { OrderLineEntity } from './order-line.entity';

/** An event about an order at its current version, dated and attributed by `cause`. */
const orderEvent = <T>(order: OrderEntity, type: string, cause: Cause, payload: T): EventEnvelope<T> =>
  aggregateEvent<T>(
    { source: 'orders', aggregateType: 'Order', aggregateId: order.id, aggregateVersion: order.version, sellerId: order.sellerId },
    type,
    cause,
    payload,
  );

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
      sellerDiscount: money(l.sellerDiscountMinor, order.currencyCode),
      shippingFee: money(l.shippingFeeMinor, order.currencyCode),
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

/** A live line of a paid order with what its buyer pays for it (price less seller discount). */
export type PaidLine = LineQuantity & { paid: { amountMinor: string; currencyCode: string } };

export const orderPaid = (order: OrderEntity, lines: PaidLine[], cause: Cause): EventEnvelope<OrderPaidV1> =>
  orderEvent<OrderPaidV1>(order, 'order.paid', cause, {
    orderId: order.id,
    buyerId: order.buyerId,
    paidAt: order.paidAt!.toISOString(),
    total: money(order.totalMinor, order.currencyCode.trim()),
    lines,
  });

/** Actors `order.status_changed` may name. */
export type StatusActor = OrderStatusChangedV1['actor'];

export const orderStatusChanged = (
  order: OrderEntity,
  from: string,
  actor: StatusActor,
  reason: string | null,
  cause: Cause,
): EventEnvelope<OrderStatusChangedV1> =>
  orderEvent<OrderStatusChangedV1>(order, 'order.status_changed', cause, { orderId: order.id, from, to: order.status, actor, reason });

/**
 * `order.lines_cancelled` for units just cancelled: `lines` are those units, `allLines` every line of the
 * order with its cancelled count and shares already updated (consumers re-price from them).
 */
export const orderLinesCancelled = (
  order: OrderEntity,
  reason: string,
  lines: LineQuantity[],
  allLines: OrderLineEntity[],
  cancelledMinor: bigint,
  cause: Cause,
): EventEnvelope<OrderLinesCancelledV1> => {
  const currency = order.currencyCode.trim();
  return orderEvent<OrderLinesCancelledV1>(order, 'order.lines_cancelled', cause, {
    orderId: order.id,
    reason,
    lines,
    cancelledAmount: money(cancelledMinor.toString(), currency),
    total: money(order.totalMinor, currency),
    lineShares: allLines.map((l) => ({
      orderLineId: l.id,
      liveQuantity: l.quantity - l.cancelledQuantity,
      sellerDiscount: money(l.sellerDiscountMinor, currency),
      shippingFee: money(l.shippingFeeMinor, currency),
    })),
  });
};

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
