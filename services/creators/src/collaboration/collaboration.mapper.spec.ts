import { CollaborationStatus } from './collaboration-status';
import { toCollaboration } from './collaboration.mapper';
import { collaborationCreated } from './collaboration.events';
import { CollaborationCreatedV1 } from '@sc/events';

const entity = {
  id: 'col_0abcdefgh0123456789abcdef',
  sellerId: 'shp_abc',
  creatorId: 'crt_0abcdefgh0123456789abcdef',
  productId: 'prd_0abcdefgh0123456789abcdef',
  commissionRateBps: 1200,
  status: CollaborationStatus.ACTIVE,
  version: 1,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
};

describe('collaboration mapping', () => {
  it('exposes the product as a key-only reference and keeps the creator id for the batch loader', () => {
    expect(toCollaboration(entity)).toEqual({
      id: entity.id,
      creatorId: entity.creatorId,
      product: { id: entity.productId },
      commissionRateBps: 1200,
      status: 'ACTIVE',
      createdAt: entity.createdAt,
    });
  });

  it('builds a collaboration.created event that meets the contract', () => {
    const at = new Date('2026-01-01T00:00:00Z');
    const event = collaborationCreated(entity, { correlationId: 'corr-1', causationId: null, actor: { type: 'SELLER_STAFF', id: 'usr_1' }, at });
    expect(event).toMatchObject({
      type: 'collaboration.created',
      version: 1,
      sellerId: 'shp_abc',
      aggregateType: 'Collaboration',
      aggregateId: entity.id,
      occurredAt: at.toISOString(),
    });
    expect(CollaborationCreatedV1.parse(event.payload)).toEqual({
      collaborationId: entity.id,
      creatorId: entity.creatorId,
      productId: entity.productId,
      commissionRateBps: 1200,
    });
  });
});
