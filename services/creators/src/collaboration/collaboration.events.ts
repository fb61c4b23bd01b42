import { ActorType, CollaborationCreatedV1, EventEnvelope, createEvent } from '@sc/events';
import { CollaborationEntity } from './collaboration.entity';

/** Correlation of the request or event that caused a change. */
export interface Cause {
  correlationId: string;
  causationId: string | null;
  actor: { type: ActorType; id: string | null };
}

/** `collaboration.created` (creators.collaboration.v1) for a new collaboration. */
export const collaborationCreated = (c: CollaborationEntity, cause: Cause): EventEnvelope<CollaborationCreatedV1> =>
  createEvent<CollaborationCreatedV1>({
    type: 'collaboration.created',
    source: 'creators',
    sellerId: c.sellerId,
    aggregateType: 'Collaboration',
    aggregateId: c.id,
    aggregateVersion: c.version,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    actor: cause.actor,
    payload: { collaborationId: c.id, creatorId: c.creatorId, productId: c.productId, commissionRateBps: c.commissionRateBps },
  });
