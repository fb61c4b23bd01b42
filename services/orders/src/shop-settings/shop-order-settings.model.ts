import { Field, ObjectType } from '@nestjs/graphql';
import { Region } from '../order/policy/region-policy';
import { ShopShippingSettings } from './shop-shipping-settings.model';

@ObjectType({ description: "The shop's order settings kept by orders." })
export class ShopOrderSettings {
  @Field(() => Region, { description: 'Region whose order policy (deadlines, business days, public holidays) applies to new orders.' })
  region: Region;

  @Field({ description: 'True while the shop has not chosen a region and the marketplace default applies.' })
  regionIsDefault: boolean;

  @Field(() => ShopShippingSettings, {
    nullable: true,
    description: "The shop's shipping charge; null only in the moments after the shop registers, until orders has learned its currency.",
  })
  shipping: ShopShippingSettings | null;
}
