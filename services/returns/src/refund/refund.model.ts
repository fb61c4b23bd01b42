import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Money } from '@sc/graphql';
import { RefundStatus } from './refund-status';

@ObjectType({ description: 'Units of one order line a refund pays back.' })
export class RefundLine {
  @Field(() => ID)
  orderLineId: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => Money, { description: "The units' share of what the buyer paid for the line: merchandise after discount plus shipping." })
  amount: Money;
}

@ObjectType({ description: 'Money paid back to the buyer, in the order currency.' })
export class Refund {
  @Field(() => ID)
  id: string;

  @Field(() => RefundStatus)
  status: RefundStatus;

  @Field(() => Money, { description: 'subtotal + shippingFee.' })
  amount: Money;

  @Field(() => Money, { description: 'Merchandise, after the seller discount.' })
  subtotal: Money;

  @Field(() => Money)
  shippingFee: Money;

  @Field({ description: 'When the refund was issued; dashboards count it on this day.' })
  issuedAt: Date;

  @Field(() => [RefundLine])
  lines: RefundLine[];
}
