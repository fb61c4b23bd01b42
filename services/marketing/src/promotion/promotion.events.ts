import { EventEnvelope, PromotionCreatedV1, PromotionDeactivatedV1, TieredPromotionCreatedV1 } from '@sc/events';
import { Cause, aggregateEvent } from '@sc/kit';
import { PromotionEntity } from './promotion.entity';
import { PromotionStatus } from './promotion-status';

/** The promotion as the aggregate of its events (at its new version). */
const promotionSubject = (promotion: PromotionEntity) => ({
  source: 'marketing',
  sellerId: promotion.sellerId,
  aggregateType: 'Promotion',
  aggregateId: promotion.id,
  aggregateVersion: promotion.version,
});

export const promotionCreated = (promotion: PromotionEntity, productIds: string[], cause: Cause): EventEnvelope<PromotionCreatedV1> =>
  aggregateEvent<PromotionCreatedV1>(promotionSubject(promotion), 'promotion.created', cause, {
    promotionId: promotion.id,
    title: promotion.title,
    discountBasisPoints: promotion.discountBasisPoints,
    productIds,
    startsAt: promotion.startsAt.toISOString(),
    endsAt: promotion.endsAt.toISOString(),
  });

export const tieredPromotionCreated = (promotion: PromotionEntity, productIds: string[], cause: Cause): EventEnvelope<TieredPromotionCreatedV1> =>
  aggregateEvent<TieredPromotionCreatedV1>(promotionSubject(promotion), 'tiered_promotion.created', cause, {
    promotionId: promotion.id,
    title: promotion.title,
    productIds,
    tiers: promotion.tiers!.map((t) => ({ minQuantity: t.minQuantity, discountBasisPoints: t.discountBasisPoints })),
    startsAt: promotion.startsAt.toISOString(),
    endsAt: promotion.endsAt.toISOString(),
  });

export const promotionDeactivated = (
  promotion: PromotionEntity,
  productIds: string[],
  previousStatus: PromotionStatus.NOT_START | PromotionStatus.ONGOING,
  cause: Cause,
): EventEnvelope<PromotionDeactivatedV1> =>
  aggregateEvent<PromotionDeactivatedV1>(promotionSubject(promotion), 'promotion.deactivated', cause, {
    promotionId: promotion.id,
    productIds,
    deactivatedAt: promotion.deactivatedAt!.toISOString(),
    previousStatus,
  });
