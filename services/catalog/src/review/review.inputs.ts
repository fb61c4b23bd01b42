import { Field, ID, InputType } from '@nestjs/graphql';
import { FailedReasonInput } from '../product/product-content.model';

@InputType()
export class RejectProductInput {
  @Field(() => ID)
  productId: string;

  @Field(() => [FailedReasonInput], { description: 'At least one finding.' })
  reasons: FailedReasonInput[];

  @Field()
  idempotencyKey: string;
}

@InputType({ description: 'A platform enforcement action with its reason.' })
export class PlatformProductActionInput {
  @Field(() => ID)
  productId: string;

  @Field()
  reason: string;

  @Field()
  idempotencyKey: string;
}
