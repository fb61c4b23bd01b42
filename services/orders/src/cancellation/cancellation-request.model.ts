import { Field, ID, ObjectType } from '@nestjs/graphql';
import { CancellationStatus } from './cancellation-status';

@ObjectType({ description: "A buyer's request to cancel; approved automatically if the seller does not answer by respondBy." })
export class CancellationRequest {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  orderId: string;

  @Field(() => CancellationStatus)
  status: CancellationStatus;

  @Field()
  reason: string;

  @Field(() => String, { nullable: true })
  rejectReason: string | null;

  @Field()
  requestedAt: Date;

  @Field()
  respondBy: Date;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}
