import { Field, ObjectType } from '@nestjs/graphql';
import { Money } from '@sc/graphql';

@ObjectType({ description: "How the shop charges for shipping; each order's fee is computed from it when the order is placed." })
export class ShopShippingSettings {
  @Field(() => Money, { description: 'Fee per order (0 while the shop has not set its shipping: the marketplace default is free shipping).' })
  flatFee: Money;

  @Field(() => Money, { nullable: true, description: 'Orders whose merchandise subtotal reaches this amount ship free; null: the flat fee always applies.' })
  freeShippingThreshold: Money | null;

  @Field({ description: 'True while the shop has not set its shipping and the marketplace default applies.' })
  isDefault: boolean;
}
