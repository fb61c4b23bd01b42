import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Region } from './policy/region-policy';

@InputType()
export class PlaceOrderLineInput {
  @Field(() => ID)
  skuId: string;

  @Field(() => Int)
  quantity: number;

  @Field(() => ID, { nullable: true, description: 'Creator whose content or affiliate link led to this line.' })
  creatorId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The creator content (video, live) the buyer came from.' })
  contentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The ad campaign the buyer came from.' })
  adCampaignId?: string | null;
}

@InputType({ description: 'Where the order is delivered; hidden from the shop during the remorse window.' })
export class RecipientInput {
  @Field()
  name: string;

  @Field()
  phone: string;

  @Field()
  address: string;
}

/**
 * What a buyer orders. It carries no amount of money: prices come from orders' read model of the catalog,
 * the shipping fee from the shop's shipping setting, discounts (later) from the promotions the server holds.
 */
@InputType()
export class PlaceOrderInput {
  @Field(() => ID, { description: 'The shop the buyer orders from.' })
  shopId: string;

  @Field(() => [PlaceOrderLineInput])
  lines: PlaceOrderLineInput[];

  @Field(() => RecipientInput, { nullable: true })
  recipient?: RecipientInput | null;

  @Field(() => Region, {
    nullable: true,
    description: "Used only while the shop has not set its region (Shop.orderSettings); the shop's setting wins.",
    deprecationReason: 'The region is a shop setting now (setShopRegion).',
  })
  region?: Region | null;

  @Field({ description: 'Same key and same input returns the same order; same key and other input is refused.' })
  idempotencyKey: string;
}
