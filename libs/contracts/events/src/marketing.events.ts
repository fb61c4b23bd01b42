import { z } from 'zod';
import { idOf } from './money.schema';

/** `promotion.created` v1 (marketing.promotion.v1). */
export const PromotionCreatedV1 = z.object({
  promotionId: idOf('prm'),
  title: z.string(),
  discountBasisPoints: z.number().int().min(1).max(9999),
  productIds: z.array(idOf('prd')),
  startsAt: z.string(),
  endsAt: z.string(),
});
/** Payload of `promotion.created` v1. */
export type PromotionCreatedV1 = z.infer<typeof PromotionCreatedV1>;

/**
 * `promotion.deactivated` v1 (marketing.promotion.v1): the seller ended the promotion early; it no longer
 * discounts these products from `deactivatedAt` on. Terminal.
 */
export const PromotionDeactivatedV1 = z.object({
  promotionId: idOf('prm'),
  productIds: z.array(idOf('prd')),
  deactivatedAt: z.string(),
  previousStatus: z.enum(['NOT_START', 'ONGOING']),
});
/** Payload of `promotion.deactivated` v1. */
export type PromotionDeactivatedV1 = z.infer<typeof PromotionDeactivatedV1>;

/**
 * `tiered_promotion.created` v1 (marketing.promotion.v1): a buy-more-save-more promotion, published at once:
 * once the eligible lines of a cart reach a tier's quantity, that tier's discount comes off them. A type of its
 * own, not a field of `promotion.created`, so no consumer can read it as a plain discount. Its end (or
 * deactivation) is `promotion.deactivated` as for every promotion.
 */
export const TieredPromotionCreatedV1 = z.object({
  promotionId: idOf('prm'),
  title: z.string(),
  productIds: z.array(idOf('prd')),
  tiers: z.array(z.object({ minQuantity: z.number().int().min(2), discountBasisPoints: z.number().int().min(1).max(9999) })).min(1),
  startsAt: z.string(),
  endsAt: z.string(),
});
/** Payload of `tiered_promotion.created` v1. */
export type TieredPromotionCreatedV1 = z.infer<typeof TieredPromotionCreatedV1>;
