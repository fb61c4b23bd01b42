import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Money } from '@sc/graphql';

/**
 * Catalog's SKU, a federation stub: marketing quotes its price under the promotions in force. The quote needs
 * the SKU's product and list price, which catalog owns (`@external`, fetched by the gateway for `@requires`).
 */
@ObjectType()
@Directive('@key(fields: "id")')
export class Sku {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  @Directive('@external')
  productId: string;

  @Field(() => Money)
  @Directive('@external')
  price: Money;
}
