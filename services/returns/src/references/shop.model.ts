import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Catalog's shop; returns contributes its return request fields. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Shop {
  @Field(() => ID)
  id: string;
}
