import { z } from 'zod';
import { MoneyPayloadSchema, idOf } from './money.schema';

/**
 * `return.requested` v1 (returns.return.v1): a buyer asked to return units of order lines. `reason` is a
 * reason code (DAMAGED, WRONG_ITEM, …). `reasonText` and the lines' `returnLineId`/`skuId` were added
 * to v1 as optional fields, so a payload without them still conforms.
 */
export const ReturnRequestedV1 = z.object({
  returnId: idOf('ret'),
  orderId: idOf('ord'),
  buyerId: z.string(),
  reason: z.string(),
  reasonText: z.string().nullable().optional(),
  /** REFUND (the buyer keeps the items) or RETURN_AND_REFUND; added to v1, absent means RETURN_AND_REFUND. */
  type: z.enum(['REFUND', 'RETURN_AND_REFUND']).optional(),
  lines: z.array(
    z.object({
      returnLineId: idOf('rln').optional(),
      orderLineId: idOf('oln'),
      skuId: idOf('sku').optional(),
      quantity: z.number().int().positive(),
    }),
  ),
});
/** Payload of `return.requested` v1. */
export type ReturnRequestedV1 = z.infer<typeof ReturnRequestedV1>;

/**
 * `return.received` v1 (returns.return.v1): the seller received returned units; per line a disposition.
 * Catalog restocks only RESTOCKED lines, once per return line, into the given warehouse.
 */
export const ReturnReceivedV1 = z.object({
  returnId: idOf('ret'),
  orderId: idOf('ord'),
  lines: z.array(
    z.object({
      returnLineId: idOf('rln'),
      skuId: idOf('sku'),
      quantity: z.number().int().positive(),
      disposition: z.enum(['RESTOCKED', 'PROCESSING_REQUIRED', 'NOT_RESTOCKED', 'MISSING']),
      warehouseId: idOf('whs').nullable(),
    }),
  ),
});
/** Payload of `return.received` v1. */
export type ReturnReceivedV1 = z.infer<typeof ReturnReceivedV1>;

/**
 * `return.cancelled` v1 (returns.return.v1): a request ended before any refund or return was decided, so the
 * units it held are free again. `cancelledBy` SYSTEM with reason ORDER_CANCELLED: orders cancelled the whole
 * order, whose cancellation refunds the buyer instead.
 */
export const ReturnCancelledV1 = z.object({
  returnId: idOf('ret'),
  orderId: idOf('ord'),
  cancelledBy: z.enum(['BUYER', 'SYSTEM']),
  reason: z.string(),
});
/** Payload of `return.cancelled` v1. */
export type ReturnCancelledV1 = z.infer<typeof ReturnCancelledV1>;

/**
 * `refund.issued` v1 (returns.refund.v1; key = return or cancellation id): money goes back to the buyer. Exactly one of
 * `returnId` (an after-sales request) and `cancellationId` (a cancellation after payment) is set. Every
 * amount is in the order's currency; `total` = Σ lines[].amount = breakdown.subtotal + breakdown.shippingFee.
 * `issuedAt` is the refund date analytics buckets by (a refund after the period closed counts on its own
 * date, never on the order's).
 */
export const RefundIssuedV1 = z.object({
  refundId: idOf('rfd'),
  returnId: idOf('ret').nullable(),
  cancellationId: z.string().nullable(),
  orderId: idOf('ord'),
  buyerId: z.string(),
  issuedAt: z.string(),
  total: MoneyPayloadSchema,
  breakdown: z.object({ subtotal: MoneyPayloadSchema, shippingFee: MoneyPayloadSchema }),
  lines: z.array(
    z.object({
      orderLineId: idOf('oln'),
      quantity: z.number().int().positive(),
      amount: MoneyPayloadSchema,
    }),
  ),
});
/** Payload of `refund.issued` v1. */
export type RefundIssuedV1 = z.infer<typeof RefundIssuedV1>;
