import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Stock of one SKU in one warehouse.' })
export class InventoryLevel {
  @Field(() => ID)
  skuId: string;

  @Field(() => ID)
  warehouseId: string;

  @Field(() => Int, { description: 'Units physically in the warehouse, sellable or not.' })
  onHand: number;

  @Field(() => Int, { description: 'Units held for placed, unpaid orders.' })
  reserved: number;

  @Field(() => Int, { description: 'Units of paid orders not yet shipped.' })
  committed: number;

  @Field(() => Int, { description: 'Damaged units (on hand, not sellable).' })
  damaged: number;

  @Field(() => Int, { description: 'Units in quality control (on hand, not sellable).' })
  qualityControl: number;

  @Field(() => Int, { description: 'Units kept back as safety stock (on hand, not sellable).' })
  safetyStock: number;

  @Field(() => Int, { description: 'Units that can still be sold: on hand minus reserved, committed and the unsellable states.' })
  available: number;

  @Field(() => Int, { description: 'Increments on every change.' })
  version: number;
}
