import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Catalog's product; creators contributes its collaborations. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id: string;
}
