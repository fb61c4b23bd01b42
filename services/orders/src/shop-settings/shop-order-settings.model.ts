import { Field, ObjectType } from '@nestjs/graphql';
import { Region } from '../order/policy/region-policy';

@ObjectType({ description: "The shop's order settings kept by orders." })
export class ShopOrderSettings {
  @Field(() => Region, { description: 'Region whose order policy (deadlines, business days, public holidays) applies to new orders.' })
  region: Region;

  @Field({ description: 'True while the shop has not chosen a region and the marketplace default applies.' })
  regionIsDefault: boolean;
}
