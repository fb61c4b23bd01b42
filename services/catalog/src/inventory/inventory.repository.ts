import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@sc/db';
import { InventoryLevelEntity } from './inventory-level.entity';

/** A line to reserve, already summed per SKU. */
export interface ReservationRequest {
  skuId: string;
  quantity: number;
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

  /**
   * Reserves `quantity` of a seller's SKU in the warehouse with the most available stock. The update
   * is conditional on availability, so concurrent reservations can never drive stock negative; returns
   * the warehouse reserved in, or null when no warehouse has enough.
   */
  async reserve(manager: EntityManager, sellerId: string, request: ReservationRequest): Promise<string | null> {
    const result: unknown = await manager.query(
      `UPDATE inventory_levels l SET reserved = l.reserved + $3, version = l.version + 1, updated_at = now()
        WHERE (l.sku_id, l.warehouse_id) = (
          SELECT c.sku_id, c.warehouse_id FROM inventory_levels c
           WHERE c.sku_id = $1 AND c.seller_id = $2 AND c.on_hand - c.reserved >= $3
           ORDER BY c.on_hand - c.reserved DESC, c.warehouse_id
           LIMIT 1
           FOR UPDATE)
          AND l.on_hand - l.reserved >= $3
        RETURNING l.warehouse_id`,
      [request.skuId, sellerId, request.quantity],
    );
    return returnedRows<{ warehouse_id: string }>(result)[0]?.warehouse_id ?? null;
  }

  /** True when the seller owns a SKU with this id. */
  async skuExists(manager: EntityManager, sellerId: string, skuId: string): Promise<boolean> {
    const rows: unknown[] = await manager.query('SELECT 1 FROM skus WHERE id = $1 AND seller_id = $2', [skuId, sellerId]);
    return rows.length > 0;
  }
}
