import { z } from 'zod';
import { MoneyPayloadSchema, idOf } from './money.schema';

/** `order.placed` v1 (orders.order.v1): catalog reserves stock for these lines. */
export const OrderPlacedV1 = z.object({
  orderId: idOf('ord'),
  buyerId: z.string(),
  total: MoneyPayloadSchema,
  lines: z.array(
    z.object({
      orderLineId: idOf('oln'),
      skuId: idOf('sku'),
      productId: idOf('prd'),
      quantity: z.number().int().positive(),
      unitPrice: MoneyPayloadSchema,
      /** The line's share of the order's seller discount (added to v1; absent means none). */
      sellerDiscount: MoneyPayloadSchema.optional(),
      /** The line's share of the order's shipping fee (added to v1; absent means none). */
      shippingFee: MoneyPayloadSchema.optional(),
    }),
  ),
});
/** Payload of `order.placed` v1. */
export type OrderPlacedV1 = z.infer<typeof OrderPlacedV1>;

/** `order.confirmed` v1 (orders.order.v1): stock is reserved; the order awaits payment. */
export const OrderConfirmedV1 = z.object({ orderId: idOf('ord'), status: z.string() });
/** Payload of `order.confirmed` v1. */
export type OrderConfirmedV1 = z.infer<typeof OrderConfirmedV1>;

/** `order.cancelled` v1 (orders.order.v1). */
export const OrderCancelledV1 = z.object({
  orderId: idOf('ord'),
  reason: z.string(),
  cancelledBy: z.enum(['BUYER', 'SELLER', 'SYSTEM']),
});
/** Payload of `order.cancelled` v1. */
export type OrderCancelledV1 = z.infer<typeof OrderCancelledV1>;

const OrderLineQuantity = z.object({ orderLineId: idOf('oln'), skuId: idOf('sku'), quantity: z.number().int().positive() });

/** `order.paid` v1 (orders.order.v1): payment captured; catalog commits the reserved stock. */
export const OrderPaidV1 = z.object({
  orderId: idOf('ord'),
  buyerId: z.string(),
  paidAt: z.string(),
  total: MoneyPayloadSchema,
  lines: z.array(
    OrderLineQuantity.extend({
      /**
       * What the buyer pays for the line's live units: their price less the line's seller discount, shipping
       * excluded (added to v1; absent from older producers). Marketing's lowest price of the last 30 days reads it.
       */
      paid: MoneyPayloadSchema.optional(),
    }),
  ),
});
/** Payload of `order.paid` v1. */
export type OrderPaidV1 = z.infer<typeof OrderPaidV1>;

/** `order.status_changed` v1 (orders.order.v1): every status transition, for projections and rollups. */
export const OrderStatusChangedV1 = z.object({
  orderId: idOf('ord'),
  from: z.string(),
  to: z.string(),
  actor: z.enum(['BUYER', 'SELLER_STAFF', 'SYSTEM', 'CARRIER', 'PLATFORM']),
  reason: z.string().nullable(),
});
/** Payload of `order.status_changed` v1. */
export type OrderStatusChangedV1 = z.infer<typeof OrderStatusChangedV1>;

/**
 * `order.lines_cancelled` v1 (orders.order.v1): some lines (not the whole order) were cancelled before
 * shipment; catalog releases their units. A whole-order cancellation is `order.cancelled`, after which
 * catalog releases whatever it still holds for the order.
 */
export const OrderLinesCancelledV1 = z.object({
  orderId: idOf('ord'),
  reason: z.string(),
  lines: z.array(OrderLineQuantity),
  /** What left the order: the cancelled units' price minus their share of the seller discount (absent from older producers). */
  cancelledAmount: MoneyPayloadSchema.optional(),
  /** The order's total after the cancellation (absent from older producers). */
  total: MoneyPayloadSchema.optional(),
  /**
   * Every line of the order after the cancellation, cancelled in full or not: its units still live and its
   * current shares of the order's seller discount and shipping fee, which replace those of `order.placed`
   * (each set of shares still sums exactly to its order-level amount). Absent from older producers.
   */
  lineShares: z
    .array(
      z.object({
        orderLineId: idOf('oln'),
        liveQuantity: z.number().int().nonnegative(),
        sellerDiscount: MoneyPayloadSchema,
        shippingFee: MoneyPayloadSchema,
      }),
    )
    .optional(),
});
/** Payload of `order.lines_cancelled` v1. */
export type OrderLinesCancelledV1 = z.infer<typeof OrderLinesCancelledV1>;

/** `package.shipped` v1 (orders.order.v1; key = order id): catalog turns committed units into sold ones. */
export const PackageShippedV1 = z.object({
  orderId: idOf('ord'),
  packageId: idOf('pkg'),
  carrier: z.string(),
  trackingNumber: z.string(),
  lines: z.array(OrderLineQuantity),
});
/** Payload of `package.shipped` v1. */
export type PackageShippedV1 = z.infer<typeof PackageShippedV1>;
