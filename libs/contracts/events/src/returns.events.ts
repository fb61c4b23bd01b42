import { z } from 'zod';
import { idOf } from './money.schema';

/** `return.requested` v1 (returns.return.v1). */
export const ReturnRequestedV1 = z.object({
  returnId: idOf('ret'),
  orderId: idOf('ord'),
  buyerId: z.string(),
  reason: z.string(),
  lines: z.array(z.object({ orderLineId: idOf('oln'), quantity: z.number().int().positive() })),
});
/** Payload of `return.requested` v1. */
export type ReturnRequestedV1 = z.infer<typeof ReturnRequestedV1>;
