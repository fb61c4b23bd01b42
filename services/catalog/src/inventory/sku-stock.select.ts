import { Injectable } from '@nestjs/common';
import { SelectQueryBuilder } from 'typeorm';
import { SkuEntity } from '../product/sku.entity';
import { SkuRow, SkuStockReads } from '../product/sku-stock.ports';
import { SkuStockStatusRow } from './sku-stock-status.model';
import { AVAILABLE_SQL } from './inventory.repository';
import { InventoryLoaders } from './inventory.loaders';
import { StockQueries } from './stock-queries';

// The SQL twin of availableOf (inventory.mapper), summed live, not taken from sku_stock_status.available,
// so availableQuantity reads the same whichever way the SKU was loaded. Served by the levels' primary key.
const SUMMED_AVAILABLE_SQL = `(SELECT COALESCE(sum(${AVAILABLE_SQL}), 0)::int FROM inventory_levels l WHERE l.sku_id = s.id)`;

/**
 * The product module's SKU queries read each SKU's stock facts in the same statement ({@link SkuStockReads}):
 * its available units summed live over its warehouses (what Sku.availableQuantity reports) and its
 * sku_stock_status row (null until stock was first recorded for it), handed to this request's stock loaders.
 */
@Injectable()
export class SkuStockSelect implements SkuStockReads {
  constructor(
    private readonly inventoryLoaders: InventoryLoaders,
    private readonly stock: StockQueries,
  ) {}

  addStockColumns(qb: SelectQueryBuilder<SkuEntity>): SelectQueryBuilder<SkuEntity> {
    return qb
      .leftJoin('sku_stock_status', 'st', 'st.sku_id = s.id')
      .addSelect(SUMMED_AVAILABLE_SQL, 'stock_available')
      .addSelect('st.sku_id', 'st_sku_id')
      .addSelect('st.product_id', 'st_product_id')
      .addSelect('st.out_of_stock_threshold', 'st_out_of_stock_threshold')
      .addSelect('st.out_of_stock', 'st_out_of_stock')
      .addSelect('st.available', 'st_available')
      .addSelect('st.changed_at', 'st_changed_at');
  }

  primeStock(rows: readonly SkuRow[]): void {
    const available = this.inventoryLoaders.availableBySkuId();
    const status = this.stock.statusBySkuId();
    for (const { sku, raw: r } of rows) {
      const row: SkuStockStatusRow | null =
        r.st_sku_id === null
          ? null
          : {
              sku_id: r.st_sku_id as string,
              product_id: r.st_product_id as string,
              out_of_stock_threshold: r.st_out_of_stock_threshold as number,
              out_of_stock: r.st_out_of_stock as boolean,
              available: r.st_available as number,
              changed_at: r.st_changed_at as Date,
            };
      available.prime(sku.id, { skuId: sku.id, available: r.stock_available as number });
      status.prime(sku.id, row);
    }
  }
}
