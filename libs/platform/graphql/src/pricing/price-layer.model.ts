import { Directive, Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Money } from '../money.model';

/** The layers of a price (@sc/pricing's PriceLayer), as the graph names them. */
export enum PriceLayerKind {
  PRODUCT_DISCOUNT = 'PRODUCT_DISCOUNT',
  FLASH_DEAL = 'FLASH_DEAL',
  TIER = 'TIER',
  COUPON = 'COUPON',
  SHIPPING_OFFER = 'SHIPPING_OFFER',
}
registerEnumType(PriceLayerKind, {
  name: 'PriceLayerKind',
  description: 'PRODUCT_DISCOUNT (the best one wins), FLASH_DEAL (overrides product discounts), TIER (buy more save more), COUPON, SHIPPING_OFFER.',
});

/** Who pays for a discount. */
export enum DiscountFunder {
  SELLER = 'SELLER',
  PLATFORM = 'PLATFORM',
}
registerEnumType(DiscountFunder, { name: 'DiscountFunder', description: 'Who pays for a discount: the seller, or the platform.' });

/**
 * One discount a promotion applied to a price, shareable: marketing's quotes and orders' charges answer it from
 * the same pricing function.
 */
@ObjectType({ description: 'One discount in a price: which promotion, which layer, who funds it, how much it took off.' })
@Directive('@shareable')
export class PriceLayer {
  @Field(() => PriceLayerKind)
  layer: PriceLayerKind;

  @Field(() => ID)
  promotionId: string;

  @Field(() => DiscountFunder)
  fundedBy: DiscountFunder;

  @Field(() => Money, { description: 'What it took off the line (or the shipping fee) in all.' })
  amount: Money;
}

/** A promotion in force that did not price this, and why (@sc/pricing's SkipReason). */
@ObjectType({ description: 'A promotion that did not apply to this price, and why.' })
@Directive('@shareable')
export class SkippedPromotion {
  @Field(() => ID)
  promotionId: string;

  @Field(() => PriceLayerKind)
  layer: PriceLayerKind;

  @Field({
    description:
      'SUPERSEDED_BY_HIGHER_DISCOUNT, SUPERSEDED_BY_FLASH_DEAL, MIN_SPEND_NOT_MET, MIN_QUANTITY_NOT_MET, LIMIT_REACHED, SOLD_OUT, NOT_STACKABLE, NOT_STARTED, ENDED, NOT_APPLICABLE or PRICE_FLOOR.',
  })
  reason: string;
}
