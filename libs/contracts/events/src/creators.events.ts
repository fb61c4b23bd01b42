import { z } from 'zod';
import { idOf } from './money.schema';

/** `collaboration.created` v1 (creators.collaboration.v1). */
export const CollaborationCreatedV1 = z.object({
  collaborationId: idOf('col'),
  creatorId: idOf('crt'),
  productId: idOf('prd'),
  commissionRateBps: z.number().int().min(1).max(10000),
});
/** Payload of `collaboration.created` v1. */
export type CollaborationCreatedV1 = z.infer<typeof CollaborationCreatedV1>;
