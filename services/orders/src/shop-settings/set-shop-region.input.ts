import { Field, InputType } from '@nestjs/graphql';
import { Region } from '../order/policy/region-policy';

@InputType()
export class SetShopRegionInput {
  @Field(() => Region, { description: "Applies to orders placed from now on; existing orders keep their region's deadlines." })
  region: Region;

  @Field()
  idempotencyKey: string;
}
