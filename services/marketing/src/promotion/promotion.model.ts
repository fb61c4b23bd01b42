import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { PromotionStatus } from './promotion-status';

/** What kind of discount a promotion gives. */
export enum PromotionType {
  PRODUCT_DISCOUNT = 'PRODUCT_DISCOUNT',
  BUY_MORE_SAVE_MORE = 'BUY_MORE_SAVE_MORE',
}
registerEnumType(PromotionType, {
  name: 'PromotionType',
  description: 'PRODUCT_DISCOUNT: a percentage off each unit. BUY_MORE_SAVE_MORE: a percentage that deepens with the eligible units in the cart (tiers).',
});

@ObjectType({ description: 'A tier of a buy-more-save-more promotion.' })
export class PromotionTier {
  @Field(() => Int, { description: 'Eligible units (all its products together) from which the tier applies.' })
  minQuantity: number;

  @Field(() => Int, { description: 'Discount of the tier in basis points: 100 = 1 %.' })
  discountBasisPoints: number;
}

@ObjectType({ description: "A discount on some of a shop's products within a time window." })
@Directive('@key(fields: "id")')
export class Promotion {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field(() => PromotionType)
  type: PromotionType;

  @Field(() => Int, { description: "Discount in basis points: 100 = 1 %. For BUY_MORE_SAVE_MORE, its deepest tier's." })
  discountBasisPoints: number;

  @Field(() => [PromotionTier], { description: 'The tiers of a BUY_MORE_SAVE_MORE promotion, ascending; empty for others.' })
  tiers: PromotionTier[];

  @Field(() => PromotionStatus, { description: 'Derived from the window and the time of the request.' })
  status: PromotionStatus;

  @Field({ description: 'Start of the window (UTC), inclusive.' })
  startsAt: Date;

  @Field({ description: 'End of the window (UTC), exclusive.' })
  endsAt: Date;
}

@ObjectType()
export class PromotionConnection extends Connection(Promotion, 'Promotion') {}
