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
