import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Orders' order; returns contributes its return requests. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Order {
  @Field(() => ID)
  id: string;
}
