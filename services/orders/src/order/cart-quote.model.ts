import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Money } from '@sc/graphql';
import { PriceLayer, SkippedPromotion } from '@sc/graphql/pricing';
import { Sku } from '../shared/catalog-references.model';

@InputType()
export class CartLineInput {
  @Field(() => ID)
  skuId: string;

  @Field(() => Int)
  quantity: number;
}

@InputType({ description: 'A cart to price: the shop and its lines, as placeOrder takes them (no amount of money).' })
export class PriceCartInput {
  @Field(() => ID)
  shopId: string;

  @Field(() => [CartLineInput])
  lines: CartLineInput[];
}

@ObjectType({ description: 'One line of a priced cart.' })
export class CartQuoteLine {
  @Field(() => Sku)
  sku: Sku;

  @Field(() => Int)
  quantity: number;

  @Field(() => Money)
  listUnitPrice: Money;

  @Field(() => Money, { description: 'The line at list price.' })
  listTotal: Money;

  @Field(() => Money, { description: "Every discount on the line; what placeOrder stores as the line's sellerDiscount." })
  discount: Money;

  @Field(() => Money, { description: 'What the line costs (merchandise, shipping excluded).' })
  total: Money;

  @Field(() => [PriceLayer], { description: 'Each discount, item layer first: what OrderLine.priceBreakdown will say.' })
  priceBreakdown: PriceLayer[];
}

@ObjectType({ description: 'A cart priced exactly as placeOrder would charge it now: the same read models and the same pricing function.' })
export class CartQuote {
  @Field(() => [CartQuoteLine])
  lines: CartQuoteLine[];

  @Field(() => Money, { description: 'Every line at list price.' })
  subtotal: Money;

  @Field(() => Money, { description: "Every discount; the order's sellerDiscount." })
  discount: Money;

  @Field(() => Money, { description: "The shop's shipping fee for this cart (after its free-shipping threshold)." })
  shippingFee: Money;

  @Field(() => Money, { description: 'subtotal − discount + shippingFee: what the order will total.' })
  total: Money;

  @Field(() => [SkippedPromotion], { description: 'Promotions in force that did not apply, and why.' })
  skipped: SkippedPromotion[];

  @Field(() => GraphQLISODateTime, { description: 'The instant the cart is priced for.' })
  at: Date;
}
