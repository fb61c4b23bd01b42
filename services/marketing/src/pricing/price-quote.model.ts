import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { Money } from '@sc/graphql';
import { PriceLayer, SkippedPromotion } from '@sc/graphql/pricing';

/** What a quantity of a SKU costs now: the list price, every discount applied (and skipped), the result. */
@ObjectType({ description: 'The price of a quantity of a SKU under the promotions in force, as an order placed now is charged.' })
export class PriceQuote {
  @Field(() => Int)
  quantity: number;

  @Field(() => Money, { description: 'One unit at the list price.' })
  listUnitPrice: Money;

  @Field(() => Money, { description: 'The quantity at the list price.' })
  listTotal: Money;

  @Field(() => Money, { description: 'Every discount together.' })
  discount: Money;

  @Field(() => Money, { description: 'What the quantity costs (merchandise; shipping is per order).' })
  total: Money;

  @Field(() => [PriceLayer], { description: 'Each discount applied, the item layer first.' })
  layers: PriceLayer[];

  @Field(() => [SkippedPromotion], { description: 'Promotions that did not apply, with the reason.' })
  skipped: SkippedPromotion[];

  @Field(() => GraphQLISODateTime, { description: 'The instant the quote is for.' })
  at: Date;
}
