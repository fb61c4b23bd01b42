import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'Stock of one SKU in one warehouse.' })
export class InventoryLevel {
  @Field(() => ID)
  warehouseId: string;

  @Field(() => Int, { description: 'Units physically in the warehouse.' })
  onHand: number;

  @Field(() => Int, { description: 'Units held for placed orders.' })
  reserved: number;

  @Field(() => Int, { description: 'Units that can still be sold: on hand minus reserved.' })
  available: number;
}
