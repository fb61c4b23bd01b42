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

/**
 * `inventory.reservation_failed` v1 (catalog.inventory.v1): nothing was reserved for the order.
 * UNKNOWN_SKU covers a SKU the shop does not have and a SKU of a product deleted before the order reached catalog.
 */
export const InventoryReservationFailedV1 = z.object({
  orderId: idOf('ord'),
  reason: z.enum(['INSUFFICIENT_STOCK', 'UNKNOWN_SKU']),
  failedSkuIds: z.array(z.string()),
});
/** Payload of `inventory.reservation_failed` v1. */
export type InventoryReservationFailedV1 = z.infer<typeof InventoryReservationFailedV1>;

const ProductStatusEnum = z.enum(['DRAFT', 'PENDING', 'FAILED', 'ACTIVATE', 'SELLER_DEACTIVATED', 'PLATFORM_DEACTIVATED', 'FREEZE', 'DELETED']);

/**
 * `product.status_changed` v1 (catalog.product.v1): every lifecycle transition. `sellable` says whether
 * new orders may include the product (only ACTIVATE is sellable); orders and marketing project it.
 */
export const ProductStatusChangedV1 = z.object({
  productId: idOf('prd'),
  from: ProductStatusEnum,
  to: ProductStatusEnum,
  sellable: z.boolean(),
  reason: z.string().nullable(),
});
/** Payload of `product.status_changed` v1. */
export type ProductStatusChangedV1 = z.infer<typeof ProductStatusChangedV1>;

/** `sku.price_changed` v1 (catalog.product.v1; key = product id). */
export const SkuPriceChangedV1 = z.object({
  productId: idOf('prd'),
  skuId: idOf('sku'),
  oldPrice: MoneyPayloadSchema,
  newPrice: MoneyPayloadSchema,
});
/** Payload of `sku.price_changed` v1. */
export type SkuPriceChangedV1 = z.infer<typeof SkuPriceChangedV1>;

const InventoryLine = z.object({
  orderLineId: idOf('oln'),
  skuId: idOf('sku'),
  warehouseId: idOf('whs'),
  quantity: z.number().int().positive(),
});

/** `inventory.committed` v1 (catalog.inventory.v1; key = order id): reserved units now belong to a paid order. */
export const InventoryCommittedV1 = z.object({ orderId: idOf('ord'), lines: z.array(InventoryLine) });
/** Payload of `inventory.committed` v1. */
export type InventoryCommittedV1 = z.infer<typeof InventoryCommittedV1>;

/** `inventory.released` v1 (catalog.inventory.v1; key = order id): held units went back to available. */
export const InventoryReleasedV1 = z.object({ orderId: idOf('ord'), reason: z.string(), lines: z.array(InventoryLine) });
/** Payload of `inventory.released` v1. */
export type InventoryReleasedV1 = z.infer<typeof InventoryReleasedV1>;

/** `inventory.sold` v1 (catalog.inventory.v1; key = order id): shipped units left on-hand stock. */
export const InventorySoldV1 = z.object({ orderId: idOf('ord'), packageId: z.string(), lines: z.array(InventoryLine) });
/** Payload of `inventory.sold` v1. */
export type InventorySoldV1 = z.infer<typeof InventorySoldV1>;

/** `inventory.restocked` v1 (catalog.inventory.v1; key = return id): returned units are sellable again. */
export const InventoryRestockedV1 = z.object({
  returnId: idOf('ret'),
  lines: z.array(z.object({ returnLineId: idOf('rln'), skuId: idOf('sku'), warehouseId: idOf('whs'), quantity: z.number().int().positive() })),
});
/** Payload of `inventory.restocked` v1. */
export type InventoryRestockedV1 = z.infer<typeof InventoryRestockedV1>;

/** `sku.out_of_stock` / `sku.back_in_stock` v1 (catalog.inventory.v1; key = SKU id): once per transition. */
export const SkuStockTransitionV1 = z.object({
  skuId: idOf('sku'),
  productId: idOf('prd'),
  availableAfter: z.number().int().min(0),
});
/** Payload of `sku.out_of_stock` and `sku.back_in_stock` v1. */
export type SkuStockTransitionV1 = z.infer<typeof SkuStockTransitionV1>;

/**
 * `shop.registered` v1 (catalog.product.v1; key = shop id): a new shop with its currency and IANA time zone.
 * Orders buckets its dashboard days in this time zone.
 */
export const ShopRegisteredV1 = z.object({
  shopId: z.string().min(1),
  name: z.string(),
  currencyCode: z.string().length(3),
  timeZone: z.string().min(1),
});
/** Payload of `shop.registered` v1. */
export type ShopRegisteredV1 = z.infer<typeof ShopRegisteredV1>;
