import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { CancellationStatus } from './cancellation-status';

@ObjectType({ description: 'Units of one line a buyer asks to cancel.' })
export class CancellationRequestLine {
  @Field(() => ID)
  orderLineId: string;

  @Field(() => Int)
  quantity: number;
}

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

  @Field(() => [CancellationRequestLine], { nullable: true, description: 'The units asked for; null when the whole order is to be cancelled.' })
  lines: CancellationRequestLine[] | null;

  @Field(() => String, { nullable: true })
  rejectReason: string | null;

  @Field()
  requestedAt: Date;

  @Field()
  respondBy: Date;

  @Field(() => Date, { nullable: true })
  decidedAt: Date | null;
}
