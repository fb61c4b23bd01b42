import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@sc/db';
import { ValidationFailedError } from '@sc/graphql';
import { WriteTx } from '@sc/kit';
import { InventoryLevelEntity } from './inventory-level.entity';
import { StockMovementEntity, StockMovementType } from './stock-movement.entity';
import { MAX_ON_HAND } from './inventory.validation';

/** A line to reserve, already summed per SKU. */
export interface ReservationRequest {
  skuId: string;
  quantity: number;
}

/** SQL for the sellable units of the inventory level row aliased `alias`: the one definition of "available". */
export const availableUnitsOf = (alias: string): string =>
  `(${alias}.on_hand - ${alias}.reserved - ${alias}.committed - ${alias}.damaged - ${alias}.quality_control - ${alias}.safety_stock)`;

/** SQL for the sellable units of a level row `l`. */
export const AVAILABLE_SQL = availableUnitsOf('l');

/**
 * Reserves $3 units of SKU $1 of seller $2 in the warehouse with the most available stock. The update
 * is conditional on availability (re-checked after the row lock), so concurrent reservations can never
 * drive stock negative; returns the warehouse reserved in, or no row when no warehouse has enough.
 * Exported so the concurrency test drives exactly this statement, with these three parameters: that is
 * why `updated_at` here is the database's now() and not the service clock's.
 */
export const RESERVE_SQL = `
  UPDATE inventory_levels l SET reserved = l.reserved + $3, version = l.version + 1, updated_at = now()
   WHERE (l.sku_id, l.warehouse_id) = (
     SELECT c.sku_id, c.warehouse_id FROM inventory_levels c
      WHERE c.sku_id = $1 AND c.seller_id = $2
        AND ${availableUnitsOf('c')} >= $3
      ORDER BY ${availableUnitsOf('c')} DESC, c.warehouse_id
      LIMIT 1
      FOR UPDATE)
     AND ${AVAILABLE_SQL} >= $3
  RETURNING l.warehouse_id`;

/** A ledger row to append; bucket deltas default to 0. */
export interface MovementDraft {
  sellerId: string;
  skuId: string;
  warehouseId: string;
  movementType: StockMovementType;
  /** Change to available. */
  quantity: number;
  sourceType: string;
  sourceId: string;
  orderId?: string | null;
  onHandDelta?: number;
  reservedDelta?: number;
  committedDelta?: number;
  stateFrom?: string | null;
  stateTo?: string | null;
  reason?: string | null;
}

/** What one order still holds of one SKU in one warehouse, according to the ledger. */
export interface HeldStock {
  skuId: string;
  warehouseId: string;
  reserved: number;
  committed: number;
}

@Injectable()
export class InventoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Levels of SKUs the caller already may see. */
  findLevelsBySkuIds(skuIds: readonly string[]): Promise<InventoryLevelEntity[]> {
    return this.dataSource
      .getRepository(InventoryLevelEntity)
      .createQueryBuilder('l')
      .where('l.skuId = ANY(:skuIds)', { skuIds })
      .orderBy('l.warehouseId')
      .getMany();
  }

  /** Reserves per {@link RESERVE_SQL}; null when no warehouse has enough. */
  async reserve(manager: EntityManager, sellerId: string, request: ReservationRequest): Promise<string | null> {
    const result: unknown = await manager.query(RESERVE_SQL, [request.skuId, sellerId, request.quantity]);
    return returnedRows<{ warehouse_id: string }>(result)[0]?.warehouse_id ?? null;
  }

  /** True when the seller owns a SKU with this id. */
  async skuExists(manager: EntityManager, sellerId: string, skuId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM skus WHERE id = $1 AND seller_id = $2', [skuId, sellerId]);
    return rows.length > 0;
  }

  /** The SKUs among `skuIds` whose product is deleted: nothing new may be held for them. */
  async skusOfDeletedProducts(manager: EntityManager, skuIds: string[]): Promise<string[]> {
    if (skuIds.length === 0) return [];
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT s.id FROM skus s JOIN products p ON p.id = s.product_id WHERE s.id = ANY($1) AND p.status = 'DELETED' ORDER BY s.id`,
      [skuIds],
    );
    return rows.map((r) => r.id);
  }

  /** True when the seller owns a warehouse with this id. */
  async warehouseExists(manager: EntityManager, sellerId: string, warehouseId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM warehouses WHERE id = $1 AND seller_id = $2', [warehouseId, sellerId]);
    return rows.length > 0;
  }

  /** The seller's default warehouse, if the shop has one. */
  async defaultWarehouseId(manager: EntityManager, sellerId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query('SELECT id FROM warehouses WHERE seller_id = $1 AND is_default', [sellerId]);
    return rows[0]?.id ?? null;
  }

  /** Appends a movement, dated by the change's clock, unless its source already produced one; true when it was appended. */
  async appendMovement({ manager, now }: WriteTx, m: MovementDraft): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO stock_movements (seller_id, sku_id, warehouse_id, movement_type, quantity, source_type, source_id, order_id,
                                    on_hand_delta, reserved_delta, committed_delta, state_from, state_to, reason, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
       ON CONFLICT (source_type, source_id, sku_id, warehouse_id, movement_type) DO NOTHING
       RETURNING id`,
      [
        m.sellerId,
        m.skuId,
        m.warehouseId,
        m.movementType,
        m.quantity,
        m.sourceType,
        m.sourceId,
        m.orderId ?? null,
        m.onHandDelta ?? 0,
        m.reservedDelta ?? 0,
        m.committedDelta ?? 0,
        m.stateFrom ?? null,
        m.stateTo ?? null,
        m.reason ?? null,
        now,
      ],
    );
    return rows.length > 0;
  }

  /**
   * Applies bucket deltas that the ledger already vouches for (event-driven operations). The CHECK
   * constraint is the last line of defence: a delta that would break it fails the event, never the stock.
   */
  async applyDeltas(
    { manager, now }: WriteTx,
    skuId: string,
    warehouseId: string,
    d: { onHand?: number; reserved?: number; committed?: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE inventory_levels SET on_hand = on_hand + $3, reserved = reserved + $4, committed = committed + $5,
              version = version + 1, updated_at = $6
        WHERE sku_id = $1 AND warehouse_id = $2`,
      [skuId, warehouseId, d.onHand ?? 0, d.reserved ?? 0, d.committed ?? 0, now],
    );
  }

  /**
   * Adds units to on hand, creating the level when the SKU was never stocked in the warehouse. Refused with
   * VALIDATION_FAILED (nothing written) when on hand would pass {@link MAX_ON_HAND}: each operation is bounded,
   * but many of them could otherwise add up past the column's 32-bit range (an internal error).
   */
  async addOnHand({ manager, now }: WriteTx, sellerId: string, skuId: string, warehouseId: string, quantity: number): Promise<InventoryLevelEntity> {
    const rows: InventoryLevelEntity[] = await manager.query(
      `INSERT INTO inventory_levels AS l (seller_id, sku_id, warehouse_id, on_hand, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (sku_id, warehouse_id) DO UPDATE SET on_hand = l.on_hand + EXCLUDED.on_hand, version = l.version + 1, updated_at = EXCLUDED.updated_at
         WHERE l.on_hand + EXCLUDED.on_hand <= $6
       RETURNING l.*`,
      [sellerId, skuId, warehouseId, quantity, now, MAX_ON_HAND],
    );
    if (rows.length === 0) throw new ValidationFailedError([{ field: 'quantity', message: `would take on-hand stock above ${MAX_ON_HAND}` }]);
    return this.toEntity(rows[0] as unknown as Record<string, unknown>);
  }

  /** What the order still holds per SKU and warehouse: the sum of its movements' bucket deltas. */
  async heldByOrder(manager: EntityManager, sellerId: string, orderId: string): Promise<HeldStock[]> {
    const rows: Array<{ sku_id: string; warehouse_id: string; reserved: number; committed: number }> = await manager.query(
      `SELECT sku_id, warehouse_id, sum(reserved_delta)::int AS reserved, sum(committed_delta)::int AS committed
         FROM stock_movements WHERE order_id = $1 AND seller_id = $2
        GROUP BY sku_id, warehouse_id ORDER BY sku_id, warehouse_id`,
      [orderId, sellerId],
    );
    return rows.map((r) => ({ skuId: r.sku_id, warehouseId: r.warehouse_id, reserved: r.reserved, committed: r.committed }));
  }

  /** Marks an order closed so a late `order.placed` reserves nothing for it. */
  async closeOrder({ manager, now }: WriteTx, sellerId: string, orderId: string): Promise<void> {
    await manager.query('INSERT INTO closed_orders (order_id, seller_id, closed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [orderId, sellerId, now]);
  }

  /** True when the order was already cancelled. */
  async isOrderClosed(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM closed_orders WHERE order_id = $1', [orderId]);
    return rows.length > 0;
  }

  /** True when the order already holds a reservation in the ledger. */
  async hasReservation(manager: EntityManager, orderId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM stock_movements WHERE order_id = $1 AND movement_type = 'RESERVATION' LIMIT 1`, [orderId]);
    return rows.length > 0;
  }

  /** The order lines a reservation covered, less what line cancellations already released, in line id order. */
  async reservedLines(manager: EntityManager, orderId: string): Promise<Array<{ orderLineId: string; skuId: string; quantity: number }>> {
    const rows: Array<{ order_line_id: string; sku_id: string; quantity: number }> = await manager.query(
      `SELECT r.order_line_id, r.sku_id, r.quantity - COALESCE((
                SELECT sum(m.quantity) FROM stock_movements m
                 WHERE m.source_type = 'ORDER_LINE' AND m.source_id = r.order_line_id AND m.movement_type = 'RELEASE'), 0)::int AS quantity
         FROM reserved_order_lines r WHERE r.order_id = $1 ORDER BY r.order_line_id`,
      [orderId],
    );
    return rows.map((r) => ({ orderLineId: r.order_line_id, skuId: r.sku_id, quantity: r.quantity }));
  }

  /** Serialises every inventory operation of one order (commit, sell, release may race across handlers). */
  async lockOrder(manager: EntityManager, orderId: string): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`inventory-order:${orderId}`]);
  }

  /** One level, or null. */
  async findLevel(manager: EntityManager, skuId: string, warehouseId: string): Promise<InventoryLevelEntity | null> {
    return manager.getRepository(InventoryLevelEntity).findOneBy({ skuId, warehouseId });
  }

  /** The seller's movements of a SKU, newest first, keyset on id. */
  listMovements(sellerId: string, skuId: string, limit: number, beforeId: string | null): Promise<StockMovementEntity[]> {
    const query = this.dataSource
      .getRepository(StockMovementEntity)
      .createQueryBuilder('m')
      .where('m.sellerId = :sellerId AND m.skuId = :skuId', { sellerId, skuId });
    if (beforeId) query.andWhere('m.id < :beforeId', { beforeId });
    return query
      .orderBy('m.id', 'DESC')
      .limit(limit + 1)
      .getMany();
  }

  /** Maps a raw `RETURNING *` row to the entity shape. */
  toEntity(row: Record<string, unknown>): InventoryLevelEntity {
    return {
      skuId: row.sku_id as string,
      warehouseId: row.warehouse_id as string,
      sellerId: row.seller_id as string,
      onHand: row.on_hand as number,
      reserved: row.reserved as number,
      committed: row.committed as number,
      damaged: row.damaged as number,
      qualityControl: row.quality_control as number,
      safetyStock: row.safety_stock as number,
      version: row.version as number,
      updatedAt: row.updated_at as Date,
    };
  }
}
