import { bulkSession, runAll } from './bulk-load';
import { BIG_SHOP_ID, BIG_SHOP_OWNER_ID, DatasetShape, catalogTempTablesSql } from './shape';
import { idSql } from './sql-ids';

/** Big shop stock is large enough that the placement workload never runs out. */
const BIG_STOCK = 1_000_000;

/** Shops, default warehouses, products, SKUs and stock, in the catalog database. */
export async function generateCatalog(url: string, shape: DatasetShape, baseMs: number): Promise<void> {
  const client = await bulkSession(url);
  try {
    await runAll(client, catalogTempTablesSql(shape, baseMs));
    const at = `to_timestamp(${baseMs} / 1000.0)`;
    // Every shop has an owner (the gateway resolves a seller's access from it); the big shop's is the bench's seller.
    await client.query(
      `INSERT INTO shops (id, name, currency_code, time_zone, owner_user_id, created_at, updated_at)
       SELECT id, name, 'USD', tz, CASE WHEN id = $1 THEN $2 ELSE 'usr_owner_' || idx END, ${at}, ${at} FROM g_shops`,
      [BIG_SHOP_ID, BIG_SHOP_OWNER_ID],
    );
    await client.query(
      `CREATE TEMP TABLE g_warehouses AS SELECT idx, id AS shop_id, ${idSql('whs', `${baseMs}::bigint + idx`, `'w' || idx`)} AS id FROM g_shops`,
    );
    await client.query(
      `INSERT INTO warehouses (id, seller_id, name, is_default, created_at) SELECT id, shop_id, 'Main warehouse', true, ${at} FROM g_warehouses`,
    );
    await client.query(`
      INSERT INTO products (id, seller_id, title, description, status, version, created_at, updated_at, category_id, images, attributes)
      SELECT id, shop_id, title, 'Generated for the benchmark: ' || title, 'ACTIVATE', 2,
             to_timestamp(created_ms / 1000.0), to_timestamp(created_ms / 1000.0), category,
             jsonb_build_array('https://images.example/bench/' || idx || '.jpg'),
             jsonb_build_array(jsonb_build_object('name', 'Material', 'value', 'Cotton'))
        FROM g_products`);
    await client.query(`
      INSERT INTO skus (id, seller_id, product_id, seller_sku, sales_attributes, price_minor, currency_code, position, created_at)
      SELECT sku_id, shop_id, id, seller_sku,
             jsonb_build_array(jsonb_build_object('name', 'Size', 'value', (ARRAY['S', 'M', 'L', 'XL'])[1 + (k - 1) % 4])),
             price_minor, 'USD', k - 1, to_timestamp(created_ms / 1000.0)
        FROM g_skus`);
    await client.query(`
      INSERT INTO inventory_levels (seller_id, sku_id, warehouse_id, on_hand)
      SELECT s.shop_id, s.sku_id, w.id, CASE WHEN s.shop_idx = 0 THEN ${BIG_STOCK} ELSE 1000 END
        FROM g_skus s JOIN g_warehouses w ON w.idx = s.shop_idx`);
    await client.query(`
      INSERT INTO sku_stock_status (sku_id, seller_id, product_id, out_of_stock, available)
      SELECT sku_id, shop_id, id, false, CASE WHEN shop_idx = 0 THEN ${BIG_STOCK} ELSE 1000 END FROM g_skus`);
    for (const table of ['shops', 'warehouses', 'products', 'skus', 'inventory_levels', 'sku_stock_status']) await client.query(`VACUUM (ANALYZE) ${table}`);
  } finally {
    await client.end();
  }
}
