import { ActorType, EventEnvelope, PromotionCreatedV1, PromotionDeactivatedV1, createEvent } from '@sc/events';
import { PromotionEntity } from './promotion.entity';
import { PromotionStatus } from './promotion-status';

/** Correlation of the request that caused a change, and when it happened by the service clock. */
export interface Cause {
  correlationId: string;
  causationId: string | null;
  actor: { type: ActorType; id: string | null };
  at: Date;
}

const promotionEvent = <T>(promotion: PromotionEntity, type: string, cause: Cause, payload: T): EventEnvelope<T> =>
  createEvent<T>({
    type,
    source: 'marketing',
    sellerId: promotion.sellerId,
    aggregateType: 'Promotion',
    aggregateId: promotion.id,
    aggregateVersion: promotion.version,
    correlationId: cause.correlationId,
    causationId: cause.causationId,
    actor: cause.actor,
    occurredAt: cause.at,
    payload,
  });

export const promotionCreated = (promotion: PromotionEntity, productIds: string[], cause: Cause): EventEnvelope<PromotionCreatedV1> =>
  promotionEvent<PromotionCreatedV1>(promotion, 'promotion.created', cause, {
    promotionId: promotion.id,
    title: promotion.title,
    discountBasisPoints: promotion.discountBasisPoints,
    productIds,
    startsAt: promotion.startsAt.toISOString(),
    endsAt: promotion.endsAt.toISOString(),
  });

export const promotionDeactivated = (
  promotion: PromotionEntity,
  productIds: string[],
  previousStatus: PromotionStatus.NOT_START | PromotionStatus.ONGOING,
  cause: Cause,
): EventEnvelope<PromotionDeactivatedV1> =>
  promotionEvent<PromotionDeactivatedV1>(promotion, 'promotion.deactivated', cause, {
    promotionId: promotion.id,
    productIds,
    deactivatedAt: promotion.deactivatedAt!.toISOString(),
    previousStatus,
  });
