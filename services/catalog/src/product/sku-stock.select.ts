import { SelectQueryBuilder } from 'typeorm';
import { SkuEntity } from './sku.entity';
import { SkuStockStatusRow } from '../inventory/sku-stock-status.model';
import { AVAILABLE_SQL } from '../inventory/inventory.repository';

/** A SKU with the stock facts its field resolvers would otherwise each load in a statement of their own. */
export interface SkuWithStock {
  sku: SkuEntity;
  /** Sellable units summed live over the SKU's warehouses (what Sku.availableQuantity reports). */
  available: number;
  /** The SKU's sku_stock_status row; null until stock was first recorded for it. */
  status: SkuStockStatusRow | null;
}

// The SQL twin of availableOf (inventory.mapper), summed live, not taken from sku_stock_status.available,
// so availableQuantity reads the same whichever way the SKU was loaded. Served by the levels' primary key.
const SUMMED_AVAILABLE_SQL = `(SELECT COALESCE(sum(${AVAILABLE_SQL}), 0)::int FROM inventory_levels l WHERE l.sku_id = s.id)`;

/**
 * Adds the SKU's summed available units and its stock status row to a query over SkuEntity aliased `s`,
 * in the same statement.
 */
function withStock(qb: SelectQueryBuilder<SkuEntity>): SelectQueryBuilder<SkuEntity> {
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

/** Runs a {@link withStock} query: one statement, one row per SKU. */
export async function getSkusWithStock(qb: SelectQueryBuilder<SkuEntity>): Promise<SkuWithStock[]> {
  const { entities, raw } = await withStock(qb).getRawAndEntities();
  const rawById = new Map<string, Record<string, unknown>>(raw.map((r: Record<string, unknown>) => [r.s_id as string, r]));
  return entities.map((sku) => {
    const r = rawById.get(sku.id)!;
    const status: SkuStockStatusRow | null =
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
    return { sku, available: r.stock_available as number, status };
  });
}
