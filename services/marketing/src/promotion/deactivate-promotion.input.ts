import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class DeactivatePromotionInput {
  @Field(() => ID)
  promotionId: string;

  @Field({ description: 'Same key and same input returns the same promotion; same key and other input is refused.' })
  idempotencyKey: string;
}
