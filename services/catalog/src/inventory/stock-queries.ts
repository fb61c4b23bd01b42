import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { groupLoader, batchLoader } from '@sc/graphql';
import { SkuStockStatusRow } from './sku-stock-status.model';
import { WarehouseEntity } from './warehouse.entity';
import { productReadScope } from '../product/read-scope';
import { ProductStatus } from '../product/product-status';

/**
 * Product statuses whose out-of-stock SKUs the seller is asked to act on: live (ACTIVATE) or live again
 * at the seller's own click (SELLER_DEACTIVATED, which keeps its approval). Drafts and products in review
 * or suspended must go through review first, and deleted ones are gone: restocking them is not the
 * action that puts anything back on sale.
 */
export const STOCK_ACTION_STATUSES = [ProductStatus.ACTIVATE, ProductStatus.SELLER_DEACTIVATED] as const;

/**
 * The out-of-stock SKUs a seller acts on. Literal and textually the same as the predicate of
 * sku_stock_status_listed_oos_idx (migration 1764480000000), so the planner proves the index covers it.
 */
export const LISTED_OUT_OF_STOCK = `out_of_stock AND product_status IN (${STOCK_ACTION_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** Read side of stock status and warehouses, always scoped to the calling seller. */
@Injectable()
export class StockQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Out-of-stock SKUs the seller acts on, newest id first; served by the partial index sku_stock_status_listed_oos_idx. */
  outOfStock(sellerId: string, limit: number, afterSkuId: string | null): Promise<SkuStockStatusRow[]> {
    return this.dataSource.query(
      `SELECT sku_id, product_id, out_of_stock_threshold, out_of_stock, available, changed_at FROM sku_stock_status
        WHERE seller_id = $1 AND ${LISTED_OUT_OF_STOCK} AND ($2::text IS NULL OR sku_id < $2)
        ORDER BY sku_id DESC LIMIT $3`,
      [sellerId, afterSkuId, limit + 1],
    );
  }

  /** How many SKUs the seller acts on are out of stock (index-only over the same partial index). */
  async outOfStockCount(sellerId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM sku_stock_status WHERE seller_id = $1 AND ${LISTED_OUT_OF_STOCK}`,
      [sellerId],
    );
    return row.n;
  }

  /**
   * Stock status per SKU id: a seller's own SKUs only; other callers (platform, buyers) the SKUs they
   * reached through the product read scope, so a live SKU reads as out of stock for them too.
   */
  statusBySkuId() {
    return batchLoader<string, SkuStockStatusRow>(
      'catalog.stockStatusBySkuId',
      (ids) => {
        const scope = productReadScope();
        return this.dataSource.query(
          `SELECT sku_id, product_id, out_of_stock_threshold, out_of_stock, available, changed_at FROM sku_stock_status
            WHERE sku_id = ANY($1) AND ($2::text IS NULL OR seller_id = $2)`,
          [ids, 'sellerId' in scope ? scope.sellerId : null],
        );
      },
      (r) => r.sku_id,
    );
  }

  /** Warehouses per shop id (a seller only ever loads their own shop). */
  warehousesBySellerId() {
    return groupLoader<string, WarehouseEntity>(
      'catalog.warehousesBySellerId',
      (ids) => this.dataSource.getRepository(WarehouseEntity).createQueryBuilder('w').where('w.sellerId = ANY(:ids)', { ids }).orderBy('w.id').getMany(),
      (w) => w.sellerId,
    );
  }
}
