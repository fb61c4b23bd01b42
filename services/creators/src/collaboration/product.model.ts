import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Catalog's product, a federation stub: the type of `Collaboration.product`. Creators contributes its
 * collaborations (`references/product.resolver.ts`).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Product {
  @Field(() => ID)
  id: string;
}
