import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Orders' order, a federation stub: the type of `ReturnRequest.order`. Returns contributes its return requests
 * (`references/order.resolver.ts`).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Order {
  @Field(() => ID)
  id: string;
}
