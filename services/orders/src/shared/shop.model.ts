import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Catalog's shop; orders contributes its order fields. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Shop {
  @Field(() => ID)
  id: string;
}
