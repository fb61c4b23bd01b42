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
