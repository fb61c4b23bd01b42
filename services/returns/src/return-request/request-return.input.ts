import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { ReturnReason } from './return-reason';
import { ReturnType } from './return-type';

@InputType()
export class RequestReturnLineInput {
  @Field(() => ID)
  orderLineId: string;

  @Field(() => Int)
  quantity: number;
}

@InputType()
export class RequestReturnInput {
  @Field(() => ID, { description: "One of the calling buyer's orders." })
  orderId: string;

  @Field(() => ReturnReason)
  reason: ReturnReason;

  @Field(() => String, { nullable: true, description: 'Details, 1 to 500 characters; required when the reason is OTHER.' })
  reasonText?: string | null;

  @Field(() => ReturnType, { nullable: true, description: 'REFUND when the buyer keeps the items; RETURN_AND_REFUND (the default) otherwise.' })
  type?: ReturnType | null;

  @Field(() => [RequestReturnLineInput])
  lines: RequestReturnLineInput[];

  @Field({ description: 'Same key and same input returns the same request; same key and other input is refused.' })
  idempotencyKey: string;
}
