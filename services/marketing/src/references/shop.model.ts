import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Catalog's shop; marketing contributes its promotions. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Shop {
  @Field(() => ID)
  id: string;
}
