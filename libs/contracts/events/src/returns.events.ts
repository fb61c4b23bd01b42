import { z } from 'zod';
import { idOf } from './money.schema';

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
