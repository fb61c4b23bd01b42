import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Catalog's product; marketing contributes its active promotions. */
@ObjectType()
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id: string;
}
