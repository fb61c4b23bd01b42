import { Directive, Field, ID, ObjectType } from '@nestjs/graphql';
import { Money } from '@sc/graphql';
import { SalesAttribute } from './sales-attribute.model';

@ObjectType({ description: 'A sellable variant of a product.' })
@Directive('@key(fields: "id")')
export class Sku {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  productId: string;

  @Field({ description: "The seller's own SKU code, unique within the shop." })
  sellerSku: string;

  @Field(() => [SalesAttribute])
  salesAttributes: SalesAttribute[];

  @Field(() => Money)
  price: Money;

  @Field(() => Money, { nullable: true, description: 'The crossed-out "was" price; never below the price.' })
  listPrice: Money | null;
}
