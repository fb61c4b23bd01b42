import { CollaborationCreatedV1, EventEnvelope } from '@sc/events';
import { Cause, aggregateEvent } from '@sc/kit';
import { CollaborationEntity } from './collaboration.entity';

/** `collaboration.created` (creators.collaboration.v1) for a new collaboration. */
export const collaborationCreated = (c: CollaborationEntity, cause: Cause): EventEnvelope<CollaborationCreatedV1> =>
  aggregateEvent<CollaborationCreatedV1>(
    { source: 'creators', sellerId: c.sellerId, aggregateType: 'Collaboration', aggregateId: c.id, aggregateVersion: c.version },
    'collaboration.created',
    cause,
    { collaborationId: c.id, creatorId: c.creatorId, productId: c.productId, commissionRateBps: c.commissionRateBps },
  );
