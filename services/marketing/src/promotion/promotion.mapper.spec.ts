import { PromotionEntity } from './promotion.entity';
import { PromotionStatus } from './promotion-status';
import { toPromotion } from './promotion.mapper';

describe('toPromotion', () => {
  it('derives the status from the given time, not the system clock', () => {
    const entity: PromotionEntity = {
      id: 'prm_0000000001a1b2c3d4e5f6a7b8',
      sellerId: 'shp_1',
      title: 'Spring sale',
      type: 'PRODUCT_DISCOUNT' as const,
      tiers: null,
      discountBasisPoints: 1500,
      startsAt: new Date('2030-01-01T00:00:00Z'),
      endsAt: new Date('2030-01-02T00:00:00Z'),
      deactivatedAt: null,
      version: 1,
      createdAt: new Date('2029-12-01T00:00:00Z'),
      updatedAt: new Date('2029-12-01T00:00:00Z'),
    };
    expect(toPromotion(entity, new Date('2030-01-01T06:00:00Z'))).toEqual({
      id: entity.id,
      title: 'Spring sale',
      type: 'PRODUCT_DISCOUNT',
      tiers: [],
      discountBasisPoints: 1500,
      status: PromotionStatus.ONGOING,
      startsAt: entity.startsAt,
      endsAt: entity.endsAt,
    });
    expect(toPromotion(entity, new Date('2030-01-03T00:00:00Z')).status).toBe(PromotionStatus.EXPIRED);
  });
});
