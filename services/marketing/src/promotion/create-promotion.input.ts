import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CreatePromotionInput {
  @Field({ description: 'Shown to the seller and to buyers; 1 to 100 characters.' })
  title: string;

  @Field(() => Int, { description: 'Discount in basis points: 100 (1 %) to 9900 (99 %).' })
  discountBasisPoints: number;

  @Field(() => [ID], { description: "1 to 100 distinct products of the caller's shop." })
  productIds: string[];

  @Field({ description: 'Start of the window (UTC); at most 5 minutes in the past.' })
  startsAt: Date;

  @Field({ description: 'End of the window (UTC), exclusive; after startsAt and at most 365 days later.' })
  endsAt: Date;

  @Field({ description: 'Same key and same input returns the same promotion; same key and other input is refused.' })
  idempotencyKey: string;
}

@InputType()
export class PromotionTierInput {
  @Field(() => Int, { description: 'Eligible units (of all its products together) from which the tier applies; 2 to 999.' })
  minQuantity: number;

  @Field(() => Int, { description: 'Discount of the tier in basis points: 100 (1 %) to 9900 (99 %).' })
  discountBasisPoints: number;
}

@InputType({ description: 'A buy-more-save-more promotion: the more eligible units a cart holds, the deeper the discount.' })
export class CreateTieredPromotionInput {
  @Field({ description: 'Shown to the seller and to buyers; 1 to 100 characters.' })
  title: string;

  @Field(() => [PromotionTierInput], { description: '1 to 5 tiers, quantities and discounts both strictly ascending.' })
  tiers: PromotionTierInput[];

  @Field(() => [ID], { description: "1 to 100 distinct products of the caller's shop; their units count together." })
  productIds: string[];

  @Field({ description: 'Start of the window (UTC); at most 5 minutes in the past.' })
  startsAt: Date;

  @Field({ description: 'End of the window (UTC), exclusive; after startsAt and at most 365 days later.' })
  endsAt: Date;

  @Field({ description: 'Same key and same input returns the same promotion; same key and other input is refused.' })
  idempotencyKey: string;
}
