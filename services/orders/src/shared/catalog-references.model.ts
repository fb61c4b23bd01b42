import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/** Catalog's SKU, referenced by key only; catalog resolves its fields. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Sku {
  @Field(() => ID)
  id: string;
}

/** Catalog's product, referenced by key only. */
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class Product {
  @Field(() => ID)
  id: string;
}
