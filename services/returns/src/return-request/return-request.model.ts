import { Directive, Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { ReturnReason } from './return-reason';
import { ReturnStatus } from './return-status';
import { ReturnType } from './return-type';
import { Order } from './order.model';

@ObjectType({ description: 'Units of one order line the buyer asks to return.' })
export class ReturnLine {
  @Field(() => ID)
  id: string;

  @Field(() => ID, { description: 'The order line (of the same order) being returned.' })
  orderLineId: string;

  @Field(() => Int)
  quantity: number;
}

@ObjectType({ description: "A buyer's request to return items of an order, handled by the shop." })
@Directive('@key(fields: "id")')
export class ReturnRequest {
  @Field(() => ID)
  id: string;

  @Field(() => ReturnStatus)
  status: ReturnStatus;

  @Field(() => ReturnType)
  type: ReturnType;

  @Field(() => ReturnReason)
  reason: ReturnReason;

  @Field(() => String, { nullable: true, description: "The buyer's own words about the reason." })
  reasonText: string | null;

  @Field(() => Order)
  order: Order;

  @Field()
  createdAt: Date;

  @Field()
  updatedAt: Date;
}

@ObjectType()
export class ReturnRequestConnection extends Connection(ReturnRequest, 'ReturnRequest') {}
