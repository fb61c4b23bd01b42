import { Field, ID, InputType } from '@nestjs/graphql';

@InputType({ description: "The seller's decision on a return request." })
export class ReturnDecisionInput {
  @Field(() => ID)
  returnId: string;

  @Field({ description: 'Same key and same input returns the same outcome; same key and other input is refused.' })
  idempotencyKey: string;
}
