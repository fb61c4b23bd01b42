import { CollaborationEntity } from './collaboration.entity';
import { Collaboration } from './collaboration.model';

/** The GraphQL shape; `creator` carries only the id until its field resolver loads it through the batch loader. */
export type CollaborationParent = Omit<Collaboration, 'creator'> & { creatorId: string };

export const toCollaboration = (c: CollaborationEntity): CollaborationParent => ({
  id: c.id,
  creatorId: c.creatorId,
  product: { id: c.productId },
  commissionRateBps: c.commissionRateBps,
  status: c.status,
  createdAt: c.createdAt,
});
