import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Catalog's product, a federation stub: the type of `Promotion.products`. Marketing contributes its active
 * promotions (`references/product.resolver.ts`).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id: string;
}
