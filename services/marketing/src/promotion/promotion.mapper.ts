import { PromotionEntity } from './promotion.entity';
import { Promotion } from './promotion.model';
import { promotionStatusAt } from './promotion-status.rules';

/** The GraphQL view of a promotion, its status as of `now`. */
export const toPromotion = (p: PromotionEntity, now: Date): Promotion => ({
  id: p.id,
  title: p.title,
  discountBasisPoints: p.discountBasisPoints,
  status: promotionStatusAt(p, now),
  startsAt: p.startsAt,
  endsAt: p.endsAt,
});
