import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CreateCollaborationInput {
  @Field(() => ID)
  creatorId: string;

  @Field(() => ID, { description: "One of the calling shop's products." })
  productId: string;

  @Field(() => Int, { description: 'Basis points, 100 to 8000 (1 % to 80 %).' })
  commissionRateBps: number;

  @Field({ description: 'Same key and same input returns the same collaboration; same key and other input is refused.' })
  idempotencyKey: string;
}
