import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { groupLoader, batchLoader } from '@sc/graphql';
import { currentContext } from '@sc/auth';
import { SkuStockStatusRow } from './sku-stock-status.model';
import { WarehouseEntity } from './warehouse.entity';

/** Read side of stock status and warehouses, always scoped to the calling seller. */
@Injectable()
export class StockQueries {
  constructor(private readonly dataSource: DataSource) {}

  /** Out-of-stock SKUs of a shop, newest id first; served by the partial index sku_stock_status_oos_idx. */
  outOfStock(sellerId: string, limit: number, afterSkuId: string | null): Promise<SkuStockStatusRow[]> {
    return this.dataSource.query(
      `SELECT sku_id, product_id, out_of_stock_threshold, out_of_stock, available, changed_at FROM sku_stock_status
        WHERE seller_id = $1 AND out_of_stock AND ($2::text IS NULL OR sku_id < $2)
        ORDER BY sku_id DESC LIMIT $3`,
      [sellerId, afterSkuId, limit + 1],
    );
  }

  /** How many SKUs of the shop are out of stock (index-only over the partial index). */
  async outOfStockCount(sellerId: string): Promise<number> {
    const [row]: Array<{ n: number }> = await this.dataSource.query(
      'SELECT count(*)::int AS n FROM sku_stock_status WHERE seller_id = $1 AND out_of_stock',
      [sellerId],
    );
    return row.n;
  }

  /** Stock status per SKU id, for the caller's own SKUs only. */
  statusBySkuId() {
    return batchLoader<string, SkuStockStatusRow>(
      'catalog.stockStatusBySkuId',
      (ids) =>
        this.dataSource.query(
          `SELECT sku_id, product_id, out_of_stock_threshold, out_of_stock, available, changed_at FROM sku_stock_status
            WHERE sku_id = ANY($1) AND seller_id = $2`,
          [ids, currentContext().identity.sellerId],
        ),
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
