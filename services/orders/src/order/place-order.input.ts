import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class PlaceOrderLineInput {
  @Field(() => ID)
  skuId: string;

  @Field(() => Int)
  quantity: number;
}

@InputType()
export class PlaceOrderInput {
  @Field(() => ID, { description: 'The shop the buyer orders from.' })
  shopId: string;

  @Field(() => [PlaceOrderLineInput])
  lines: PlaceOrderLineInput[];

  @Field({ description: 'Same key and same input returns the same order; same key and other input is refused.' })
  idempotencyKey: string;
}
