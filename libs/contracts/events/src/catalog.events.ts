import { z } from 'zod';
import { MoneyPayloadSchema, idOf } from './money.schema';

/** `product.created` v1 (catalog.product.v1): a product and its SKUs with their prices. */
export const ProductCreatedV1 = z.object({
  productId: idOf('prd'),
  title: z.string(),
  status: z.string(),
  skus: z.array(z.object({ skuId: idOf('sku'), sellerSku: z.string(), price: MoneyPayloadSchema })),
});
/** Payload of `product.created` v1. */
export type ProductCreatedV1 = z.infer<typeof ProductCreatedV1>;

const ReservationLine = z.object({
  orderLineId: idOf('oln'),
  skuId: z.string(),
  quantity: z.number().int().positive(),
});

/** `inventory.reserved` v1 (catalog.inventory.v1): every line of an order was reserved. */
export const InventoryReservedV1 = z.object({
  orderId: idOf('ord'),
  lines: z.array(ReservationLine.extend({ warehouseId: idOf('whs') })),
});
/** Payload of `inventory.reserved` v1. */
export type InventoryReservedV1 = z.infer<typeof InventoryReservedV1>;

/** `inventory.reservation_failed` v1 (catalog.inventory.v1): nothing was reserved for the order. */
export const InventoryReservationFailedV1 = z.object({
  orderId: idOf('ord'),
  reason: z.enum(['INSUFFICIENT_STOCK', 'UNKNOWN_SKU']),
  failedSkuIds: z.array(z.string()),
});
/** Payload of `inventory.reservation_failed` v1. */
export type InventoryReservationFailedV1 = z.infer<typeof InventoryReservationFailedV1>;
