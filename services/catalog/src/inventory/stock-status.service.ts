import { Injectable } from '@nestjs/common';
import { SkuStockTransitionV1 } from '@sc/events';
import { WriteTx } from '@sc/kit';
import { inventoryEvent } from './inventory.events';
import { AVAILABLE_SQL } from './inventory.repository';

/**
 * True when a SKU with this many sellable units counts as out of stock. `available` is summed over all
 * of the SKU's warehouses (the marketplace norm: a buyer can be served from any of them), so stock in one
 * warehouse covers an empty one; this is the only definition, product filters read the flag it sets.
 */
export const isOutOfStock = (available: number, threshold: number): boolean => available <= threshold;

/**
 * Keeps each SKU's out-of-stock flag in step with its stock, inside the transaction that changed the
 * stock, and emits `sku.out_of_stock` / `sku.back_in_stock` exactly when the flag flips. The status row
 * is locked before stock is summed, so two concurrent changes to one SKU (even in different
 * warehouses) see each other and flip the flag once. A flip is dated by the change's clock (`tx.now`)
 * and its event carries the change's cause.
 */
@Injectable()
export class StockStatusService {
  async refresh(tx: WriteTx, sellerId: string, skuIds: readonly string[]): Promise<void> {
    const { manager } = tx;
    const ids = [...new Set(skuIds)].sort();
    if (ids.length === 0) return;
    await manager.query(
      `INSERT INTO sku_stock_status (sku_id, seller_id, product_id, changed_at)
       SELECT id, seller_id, product_id, $2::timestamptz FROM skus WHERE id = ANY($1) ORDER BY id ON CONFLICT DO NOTHING`,
      [ids, tx.now],
    );
    const statuses: Array<{ sku_id: string; product_id: string; out_of_stock_threshold: number; out_of_stock: boolean }> = await manager.query(
      `SELECT sku_id, product_id, out_of_stock_threshold, out_of_stock FROM sku_stock_status WHERE sku_id = ANY($1) ORDER BY sku_id FOR UPDATE`,
      [ids],
    );
    const sums: Array<{ sku_id: string; available: number }> = await manager.query(
      `SELECT l.sku_id, sum(${AVAILABLE_SQL})::int AS available
         FROM inventory_levels l WHERE l.sku_id = ANY($1) GROUP BY l.sku_id`,
      [ids],
    );
    const availableBySku = new Map(sums.map((s) => [s.sku_id, s.available]));
    for (const status of statuses) {
      const available = availableBySku.get(status.sku_id) ?? 0;
      const outOfStock = isOutOfStock(available, status.out_of_stock_threshold);
      await manager.query(
        `UPDATE sku_stock_status SET available = $2, out_of_stock = $3, changed_at = CASE WHEN out_of_stock <> $3 THEN $4::timestamptz ELSE changed_at END
          WHERE sku_id = $1`,
        [status.sku_id, available, outOfStock, tx.now],
      );
      if (outOfStock === status.out_of_stock) continue;
      const payload: SkuStockTransitionV1 = { skuId: status.sku_id, productId: status.product_id, availableAfter: Math.max(0, available) };
      await tx.emit('catalog.inventory.v1', [
        inventoryEvent(tx.cause, sellerId, outOfStock ? 'sku.out_of_stock' : 'sku.back_in_stock', 'Sku', status.sku_id, payload),
      ]);
    }
  }
}
