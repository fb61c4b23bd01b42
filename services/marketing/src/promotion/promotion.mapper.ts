import { PromotionEntity } from './promotion.entity';
import { Promotion, PromotionType } from './promotion.model';
import { promotionStatusAt } from './promotion-status.rules';

/** The GraphQL view of a promotion, its status as of `now`. */
export const toPromotion = (p: PromotionEntity, now: Date): Promotion => ({
  id: p.id,
  title: p.title,
  type: p.type as PromotionType,
  discountBasisPoints: p.discountBasisPoints,
  tiers: p.tiers ?? [],
  status: promotionStatusAt(p, now),
  startsAt: p.startsAt,
  endsAt: p.endsAt,
});
