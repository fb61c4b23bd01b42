import { bulkSession, runAll } from './bulk-load';
import { DatasetShape, catalogTempTablesSql, orderTempTablesSql } from './shape';
import { hashSql, idSql, uuidSql } from './sql-ids';

const DAY = 86_400_000;

/** Catalog read model, promotions (ongoing, upcoming and ended) and their products, in the marketing database. */
export async function generateMarketing(url: string, shape: DatasetShape, baseMs: number, nowMs: number): Promise<void> {
  const client = await bulkSession(url);
  try {
    await runAll(client, catalogTempTablesSql(shape, baseMs));
    await client.query(`
      INSERT INTO catalog_products (product_id, seller_id, title, status, catalog_version, source_event_id)
      SELECT id, shop_id, title, 'ACTIVATE', 2, ${uuidSql(`'mp' || idx`)} FROM g_products`);
    // Big shop: a quarter ended, a quarter upcoming, half ongoing; each small shop: one ongoing promotion.
    await client.query(`
      CREATE TEMP TABLE g_promotions AS
      SELECT n, 0 AS shop_idx, ${idSql('prm', `${baseMs}::bigint + n`, `'m' || n`)} AS id,
             CASE WHEN n % 4 = 0 THEN ${nowMs - 60 * DAY} WHEN n % 4 = 1 THEN ${nowMs + 10 * DAY} ELSE ${nowMs - 5 * DAY} END::bigint AS starts_ms
        FROM generate_series(1, ${shape.bigPromotions}) n
      UNION ALL
      SELECT ${shape.bigPromotions} + s, s, ${idSql('prm', `${baseMs}::bigint + ${shape.bigPromotions} + s`, `'m' || (${shape.bigPromotions} + s)`)},
             ${nowMs - 3 * DAY}::bigint
        FROM generate_series(1, ${shape.smallShops}) s`);
    await client.query(`
      INSERT INTO promotions (id, seller_id, title, discount_basis_points, starts_at, ends_at, created_at, updated_at)
      SELECT p.id, sh.id, 'Bench sale ' || p.n, 500 + (p.n % 8) * 500,
             to_timestamp(p.starts_ms / 1000.0), to_timestamp((p.starts_ms + ${30 * DAY}) / 1000.0),
             to_timestamp((p.starts_ms - ${DAY}) / 1000.0), to_timestamp((p.starts_ms - ${DAY}) / 1000.0)
        FROM g_promotions p JOIN g_shops sh ON sh.idx = p.shop_idx`);
    await client.query(`
      INSERT INTO promotion_products (promotion_id, product_id, seller_id)
      SELECT DISTINCT p.id, g.id, g.shop_id
        FROM g_promotions p
        CROSS JOIN LATERAL generate_series(1, CASE WHEN p.shop_idx = 0 THEN ${shape.productsPerPromotion} ELSE 1 END) j
        JOIN g_products g ON g.shop_idx = p.shop_idx AND g.idx = CASE
             WHEN p.shop_idx = 0 THEN 1 + ${hashSql('p.n * 1000 + j', shape.bigProducts)}
             ELSE ${shape.bigProducts} + (p.shop_idx - 1) * ${shape.productsPerSmallShop} + 1 END`);
    for (const table of ['catalog_products', 'promotions', 'promotion_products']) await client.query(`VACUUM (ANALYZE) ${table}`);
  } finally {
    await client.end();
  }
}

/** Catalog read model, the creator directory and collaborations, in the creators database. */
export async function generateCreators(url: string, shape: DatasetShape, baseMs: number): Promise<void> {
  const client = await bulkSession(url);
  try {
    await runAll(client, catalogTempTablesSql(shape, baseMs));
    await client.query(`
      INSERT INTO catalog_products (id, seller_id, title, source_version, source_event_id)
      SELECT id, shop_id, title, 2, ${uuidSql(`'cp' || idx`)} FROM g_products`);
    await client.query(`
      CREATE TEMP TABLE g_creators AS
      SELECT n, ${idSql('crt', `${baseMs}::bigint + n`, `'c' || n`)} AS id FROM generate_series(1, ${shape.creators}) n`);
    await client.query(`
      INSERT INTO creators (id, handle, display_name, follower_count, categories, created_at)
      SELECT id, 'bench.creator' || n, 'Bench Creator ' || n, 1000 + ${hashSql('n * 7', 500000)}::int,
             ARRAY[(ARRAY['fashion', 'home', 'beauty', 'tech'])[1 + n % 4]], to_timestamp(${baseMs} / 1000.0)
        FROM g_creators`);
    // Big shop: collaborations on its first products (distinct creator per product); small shops: one each.
    await client.query(`
      INSERT INTO collaborations (id, seller_id, creator_id, product_id, commission_rate_bps, status, created_at, updated_at)
      SELECT ${idSql('col', `${baseMs}::bigint + x.n`, `'k' || x.n`)}, g.shop_id, c.id, g.id, 500 + (x.n % 10) * 100,
             CASE WHEN x.n % 5 = 0 THEN 'ENDED' ELSE 'ACTIVE' END, to_timestamp(${baseMs} / 1000.0), to_timestamp(${baseMs} / 1000.0)
        FROM (SELECT n, 1 + (n - 1) % ${shape.bigProducts} AS product_idx FROM generate_series(1, ${shape.bigCollaborations}) n
              UNION ALL
              SELECT ${shape.bigCollaborations} + s, ${shape.bigProducts} + (s - 1) * ${shape.productsPerSmallShop} + 1 FROM generate_series(1, ${shape.smallShops}) s) x
        JOIN g_products g ON g.idx = x.product_idx
        JOIN g_creators c ON c.n = 1 + x.n % ${shape.creators}`);
    for (const table of ['catalog_products', 'creators', 'collaborations']) await client.query(`VACUUM (ANALYZE) ${table}`);
  } finally {
    await client.end();
  }
}

/** The orders read model of orders that have return requests, and those requests with their lines, in returns. */
export async function generateReturns(url: string, shape: DatasetShape, baseMs: number, nowMs: number): Promise<void> {
  const client = await bulkSession(url);
  try {
    // Returns are asked for delivered and completed orders; returns projects only what it needs for them.
    const returned = `o.status IN ('DELIVERED', 'COMPLETED') AND ${hashSql('o.i * 19 + 5', 10000)} < ${shape.returnBasisPoints}`;
    await runAll(client, [...catalogTempTablesSql(shape, baseMs), ...orderTempTablesSql(shape, nowMs, returned)]);
    await client.query(`
      CREATE TEMP TABLE g_returned AS
      SELECT o.*, ${idSql('ret', `o.created_ms + ${5 * DAY}`, `'r' || o.i`)} AS return_id FROM g_orders o`);
    await client.query(`
      INSERT INTO orders (id, seller_id, buyer_id, currency_code, status, status_version, placed_at)
      SELECT id, seller_id, 'usr_bench_b' || buyer_no, 'USD', status, 8, to_timestamp(created_ms / 1000.0) FROM g_returned`);
    await client.query(`
      INSERT INTO order_lines (id, order_id, seller_id, sku_id, product_id, quantity, unit_price_minor, position)
      SELECT l.id, r.id, r.seller_id, l.sku_id, l.product_id, l.qty, l.price_minor, l.pos
        FROM g_returned r JOIN g_lines l ON l.i = r.i`);
    await client.query(`
      INSERT INTO return_requests (id, seller_id, order_id, buyer_id, status, reason, reason_text, version, created_at, updated_at)
      SELECT return_id, seller_id, id, 'usr_bench_b' || buyer_no,
             (ARRAY['RETURN_OR_REFUND_REQUEST_PENDING', 'AWAITING_BUYER_SHIP', 'BUYER_SHIPPED_ITEM', 'RETURN_OR_REFUND_REQUEST_COMPLETE', 'RETURN_OR_REFUND_REQUEST_REJECT'])[1 + i % 5],
             (ARRAY['DAMAGED', 'SIZE_OR_FIT', 'NOT_AS_DESCRIBED', 'NO_LONGER_NEEDED'])[1 + i % 4], NULL, 2,
             to_timestamp((created_ms + ${5 * DAY}) / 1000.0), to_timestamp((created_ms + ${6 * DAY}) / 1000.0)
        FROM g_returned`);
    await client.query(`
      INSERT INTO return_lines (id, return_request_id, seller_id, order_line_id, quantity, position)
      SELECT ${idSql('rln', `r.created_ms + ${5 * DAY}`, `'rl' || r.i`)}, r.return_id, r.seller_id, l.id, l.qty, 1
        FROM g_returned r JOIN g_lines l ON l.i = r.i AND l.pos = 1`);
    for (const table of ['orders', 'order_lines', 'return_requests', 'return_lines']) await client.query(`VACUUM (ANALYZE) ${table}`);
  } finally {
    await client.end();
  }
}
