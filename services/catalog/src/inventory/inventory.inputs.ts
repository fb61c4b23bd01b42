import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';

/** Why a seller adjusted stock by a delta. */
export enum AdjustmentReason {
  RECEIVED = 'RECEIVED',
  CYCLE_COUNT = 'CYCLE_COUNT',
  DAMAGED = 'DAMAGED',
  LOST = 'LOST',
  CORRECTION = 'CORRECTION',
  OTHER = 'OTHER',
}
registerEnumType(AdjustmentReason, { name: 'AdjustmentReason', description: 'Why on-hand stock was adjusted.' });

/** A bucket units can be moved between; AVAILABLE means sellable on-hand units. */
export enum InventoryState {
  AVAILABLE = 'AVAILABLE',
  DAMAGED = 'DAMAGED',
  QUALITY_CONTROL = 'QUALITY_CONTROL',
  SAFETY_STOCK = 'SAFETY_STOCK',
}
registerEnumType(InventoryState, { name: 'InventoryState', description: 'A state on-hand units can be in.' });

@InputType()
export class CreateWarehouseInput {
  @Field()
  name: string;

  @Field({ description: 'Same key and same input returns the same warehouse.' })
  idempotencyKey: string;
}

@InputType()
export class AdjustInventoryInput {
  @Field(() => ID)
  skuId: string;

  @Field(() => ID)
  warehouseId: string;

  @Field(() => Int, { description: 'Units to add (positive) or remove (negative) from on hand; never 0.' })
  delta: number;

  @Field(() => AdjustmentReason)
  reason: AdjustmentReason;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class SetInventoryInput {
  @Field(() => ID)
  skuId: string;

  @Field(() => ID)
  warehouseId: string;

  @Field(() => Int, { description: 'The new on-hand quantity.' })
  quantity: number;

  @Field(() => Int, { description: 'The on-hand quantity the seller last saw; a different current value is STALE_QUANTITY.' })
  expectedQuantity: number;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class MoveInventoryStateInput {
  @Field(() => ID)
  skuId: string;

  @Field(() => ID)
  warehouseId: string;

  @Field(() => InventoryState)
  from: InventoryState;

  @Field(() => InventoryState)
  to: InventoryState;

  @Field(() => Int)
  quantity: number;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class SetOutOfStockThresholdInput {
  @Field(() => ID)
  skuId: string;

  @Field(() => Int, { description: 'The SKU counts as out of stock when available units summed over all warehouses are at or below this.' })
  threshold: number;

  @Field()
  idempotencyKey: string;
}
