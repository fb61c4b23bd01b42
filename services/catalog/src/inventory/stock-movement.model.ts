import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { PageInfo, ValidationFailedError } from '@sc/graphql';
import { StockMovementEntity } from './stock-movement.entity';

@ObjectType({ description: 'One entry of the append-only stock ledger.' })
export class StockMovement {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  skuId: string;

  @Field(() => ID)
  warehouseId: string;

  @Field({ description: 'RECEIPT, ADJUSTMENT, RESERVATION, RELEASE, COMMIT, SALE, RESTOCK or STATE_MOVE.' })
  type: string;

  @Field(() => Int, { description: 'Change to available units.' })
  quantity: number;

  @Field(() => Int)
  onHandDelta: number;

  @Field(() => Int)
  reservedDelta: number;

  @Field(() => Int)
  committedDelta: number;

  @Field(() => String, { nullable: true })
  stateFrom: string | null;

  @Field(() => String, { nullable: true })
  stateTo: string | null;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field({ description: 'What caused the movement: ORDER, ORDER_LINE, PACKAGE, RETURN_LINE, ADJUSTMENT, …' })
  sourceType: string;

  @Field(() => ID, { nullable: true, description: 'The order the movement belongs to, if any.' })
  orderId: string | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class StockMovementConnection {
  @Field(() => [StockMovement])
  nodes: StockMovement[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;
}

/** Ledger ids are bigserial numbers, not prefixed ids, so they get their own opaque cursor. */
export const encodeMovementCursor = (id: string): string => Buffer.from(`mov:${id}`, 'utf8').toString('base64url');

/** The ledger id inside a movement cursor; VALIDATION_FAILED for anything else. */
export function decodeMovementCursor(cursor: string): string {
  const match = /^mov:(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new ValidationFailedError([{ field: 'after', message: 'is not a valid cursor' }]);
  return match[1];
}

export const toStockMovement = (m: StockMovementEntity): StockMovement => ({
  id: m.id,
  skuId: m.skuId,
  warehouseId: m.warehouseId,
  type: m.movementType,
  quantity: m.quantity,
  onHandDelta: m.onHandDelta ?? 0,
  reservedDelta: m.reservedDelta ?? 0,
  committedDelta: m.committedDelta ?? 0,
  stateFrom: m.stateFrom ?? null,
  stateTo: m.stateTo ?? null,
  reason: m.reason ?? null,
  sourceType: m.sourceType,
  orderId: m.orderId ?? null,
  createdAt: m.createdAt,
});

/** A page of movements from rows fetched with `limit + 1`. */
export function toMovementConnection(rows: StockMovementEntity[], limit: number): StockMovementConnection {
  const nodes = rows.slice(0, limit).map(toStockMovement);
  const last = nodes[nodes.length - 1];
  return { nodes, pageInfo: { hasNextPage: rows.length > limit, endCursor: last ? encodeMovementCursor(last.id) : null } };
}
