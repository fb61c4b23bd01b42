import { hashSql, idSql } from './sql-ids';

/** Sizes of the benchmark data set. */
export interface DatasetShape {
  scale: 'full' | 'small';
  /** Orders of the one big shop. */
  bigOrders: number;
  bigProducts: number;
  /** SKUs per product of the big shop. */
  bigSkusPerProduct: number;
  smallShops: number;
  productsPerSmallShop: number;
  ordersPerSmallShop: number;
  buyers: number;
  creators: number;
  bigCollaborations: number;
  bigPromotions: number;
  productsPerPromotion: number;
  /** Share of delivered/completed orders with a return request, in basis points. */
  returnBasisPoints: number;
  /** Days of order history, ending at generation time. */
  historyDays: number;
}

/** Bump when the generator changes; a data set with another version is regenerated. */
export const DATASET_VERSION = '2';

export const SHAPES: Record<DatasetShape['scale'], DatasetShape> = {
  full: {
    scale: 'full',
    bigOrders: 2_000_000,
    bigProducts: 5_000,
    bigSkusPerProduct: 2,
    smallShops: 2_000,
    productsPerSmallShop: 3,
    ordersPerSmallShop: 10,
    buyers: 200_000,
    creators: 5_000,
    bigCollaborations: 2_000,
    bigPromotions: 40,
    productsPerPromotion: 100,
    returnBasisPoints: 50,
    historyDays: 400,
  },
  small: {
    scale: 'small',
    bigOrders: 50_000,
    bigProducts: 500,
    bigSkusPerProduct: 2,
    smallShops: 100,
    productsPerSmallShop: 3,
    ordersPerSmallShop: 10,
    buyers: 10_000,
    creators: 500,
    bigCollaborations: 200,
    bigPromotions: 10,
    productsPerPromotion: 50,
    returnBasisPoints: 50,
    historyDays: 400,
  },
};

/** The big shop's id (also the seller id of its staff). */
export const BIG_SHOP_ID = 'shp_bench_big';
/** The user who owns the big shop: the bench's seller (its requests need the owner's access). */
export const BIG_SHOP_OWNER_ID = 'usr_bench_seller';
/** A small shop's id; `n` from 1. */
export const smallShopId = (n: number): string => `shp_bench_s${String(n).padStart(5, '0')}`;
/** A buyer's user id; `n` from 0. */
export const buyerId = (n: number): string => `usr_bench_b${n}`;

/**
 * Session-local tables every service's generator starts from, so all five databases agree on the shops,
 * products and SKUs: g_shops(idx, id, name, tz), g_products(idx, shop_idx, shop_id, id, title, category,
 * created_ms), g_skus(product columns + k, sku_id, seller_sku, price_minor, sku_no). `baseMs` is the same
 * for every database of one generation.
 */
export function catalogTempTablesSql(shape: DatasetShape, baseMs: number): string[] {
  const P = shape.bigProducts;
  const PS = shape.productsPerSmallShop;
  const productMs = `(${baseMs}::bigint + x.idx * 1000)`;
  return [
    `CREATE TEMP TABLE g_shops AS
       SELECT s AS idx,
              CASE WHEN s = 0 THEN '${BIG_SHOP_ID}' ELSE 'shp_bench_s' || lpad(s::text, 5, '0') END AS id,
              CASE WHEN s = 0 THEN 'Bench Big Outfitters' ELSE 'Bench Shop ' || s END AS name,
              CASE WHEN s = 0 THEN 'America/New_York' ELSE (ARRAY['UTC', 'Asia/Jakarta', 'Europe/Berlin', 'America/Los_Angeles'])[1 + s % 4] END AS tz
         FROM generate_series(0, ${shape.smallShops}) s`,
    `CREATE TEMP TABLE g_products AS
       SELECT x.idx, x.shop_idx, sh.id AS shop_id,
              ${idSql('prd', productMs, `'p' || x.idx`)} AS id,
              (ARRAY['Organic', 'Classic', 'Slim', 'Vintage', 'Everyday', 'Premium', 'Travel', 'Studio'])[1 + ${hashSql('x.idx * 3', 8)}] || ' ' ||
              (ARRAY['cotton tee', 'stoneware mug', 'table lamp', 'serum 30 ml', 'linen shirt', 'canvas tote', 'desk organiser', 'wool scarf', 'water bottle', 'phone case'])[1 + ${hashSql('x.idx * 5', 10)}] ||
              ' #' || x.idx AS title,
              (ARRAY['apparel', 'home', 'beauty', 'accessories'])[1 + ${hashSql('x.idx * 7', 4)}] AS category,
              ${productMs} AS created_ms
         FROM (SELECT p AS idx, 0 AS shop_idx FROM generate_series(1, ${P}) p
               UNION ALL
               SELECT ${P} + (s - 1) * ${PS} + j, s FROM generate_series(1, ${shape.smallShops}) s, generate_series(1, ${PS}) j) x
         JOIN g_shops sh ON sh.idx = x.shop_idx`,
    `CREATE TEMP TABLE g_skus AS
       SELECT p.*, k.k,
              ${idSql('sku', 'p.created_ms + k.k', `'s' || p.idx || '-' || k.k`)} AS sku_id,
              'B' || p.idx || '-' || k.k AS seller_sku,
              (500 + (p.idx * 37 + k.k * 101) % 9500)::bigint AS price_minor,
              row_number() OVER (PARTITION BY p.shop_idx ORDER BY p.idx, k.k)::int AS sku_no
         FROM g_products p
         CROSS JOIN LATERAL generate_series(1, CASE WHEN p.shop_idx = 0 THEN ${shape.bigSkusPerProduct} ELSE 1 END) AS k(k)`,
    `CREATE UNIQUE INDEX ON g_skus (shop_idx, sku_no)`,
    `ANALYZE g_shops`,
    `ANALYZE g_products`,
    `ANALYZE g_skus`,
  ];
}

/**
 * Session-local g_orders(i, shop_idx, seller_id, id, created_ms, h, buyer_no, nlines, status, paid_ms,
 * cancelled_ms) and g_lines(i, pos, id, sku columns, qty, line_total): the same orders in orders and returns.
 * Status follows the order's age (recent orders are still open) with a fixed share of cancellations.
 */
export function orderTempTablesSql(shape: DatasetShape, nowMs: number, keepSql?: string): string[] {
  const N = shape.bigOrders;
  const smallTotal = shape.smallShops * shape.ordersPerSmallShop;
  const spanMs = shape.historyDays * 86_400_000;
  const startMs = nowMs - spanMs;
  const HOUR = 3_600_000;
  return [
    `CREATE TEMP TABLE g_orders_base AS
       SELECT i,
              CASE WHEN i <= ${N} THEN 0 ELSE 1 + ((i - ${N} - 1) % ${Math.max(shape.smallShops, 1)}) END AS shop_idx,
              CASE WHEN i <= ${N} THEN ${startMs}::bigint + (i::bigint * ${spanMs}::bigint) / ${N} ELSE ${startMs}::bigint + ${hashSql('i * 13 + 1', spanMs)} END AS created_ms,
              ${hashSql('i * 31 + 7', 10000)} AS h,
              ${hashSql('i * 17 + 3', shape.buyers)} AS buyer_no
         FROM generate_series(1, ${N + smallTotal}) i`,
    `CREATE TEMP TABLE g_orders AS
       SELECT b.*, sh.id AS seller_id,
              ${idSql('ord', 'b.created_ms', `'o' || b.i`)} AS id,
              1 + (b.h % 3 = 0)::int + (b.h % 10 = 0)::int AS nlines,
              CASE WHEN b.h < 300 THEN 'CANCELLED'
                   WHEN b.h < 600 THEN 'CANCELLED'
                   WHEN ${nowMs} - b.created_ms < ${HOUR / 2} THEN 'UNPAID'
                   WHEN ${nowMs} - b.created_ms < ${HOUR} THEN 'ON_HOLD'
                   WHEN ${nowMs} - b.created_ms < ${48 * HOUR} THEN 'AWAITING_SHIPMENT'
                   WHEN ${nowMs} - b.created_ms < ${120 * HOUR} THEN 'IN_TRANSIT'
                   WHEN ${nowMs} - b.created_ms < ${360 * HOUR} THEN 'DELIVERED'
                   ELSE 'COMPLETED' END AS status,
              CASE WHEN b.h >= 300 AND b.h < 600 THEN NULL
                   WHEN b.h >= 600 AND ${nowMs} - b.created_ms < ${HOUR / 2} THEN NULL
                   ELSE b.created_ms + 300000 + ${hashSql('b.i * 11', 600000)} END AS paid_ms,
              CASE WHEN b.h < 300 THEN b.created_ms + ${2 * HOUR}
                   WHEN b.h < 600 THEN b.created_ms + ${24 * HOUR} END AS cancelled_ms
         FROM g_orders_base b JOIN g_shops sh ON sh.idx = b.shop_idx`,
    `DROP TABLE g_orders_base`,
    ...(keepSql ? [`DELETE FROM g_orders o WHERE NOT (${keepSql})`] : []),
    `CREATE UNIQUE INDEX ON g_orders (i)`,
    `CREATE TEMP TABLE g_lines AS
       SELECT o.i, pos, ${idSql('oln', 'o.created_ms', `'l' || o.i || '-' || pos`)} AS id,
              s.sku_id, s.id AS product_id, s.price_minor,
              1 + (${hashSql('o.i * 5 + pos', 10)} = 0)::int AS qty
         FROM g_orders o
         CROSS JOIN LATERAL generate_series(1, o.nlines) AS pos
         JOIN g_skus s ON s.shop_idx = o.shop_idx AND s.sku_no = CASE
              WHEN o.shop_idx = 0 THEN 1 + floor(${shape.bigProducts * shape.bigSkusPerProduct} * power(${hashSql('o.i * 3 + pos', 1000000)} / 1000000.0, 2))::int
              ELSE 1 + ${hashSql('o.i * 3 + pos', shape.productsPerSmallShop)}::int END`,
    `CREATE TEMP TABLE g_totals AS SELECT i, sum(price_minor * qty)::bigint AS total FROM g_lines GROUP BY i`,
    `CREATE UNIQUE INDEX ON g_totals (i)`,
  ];
}
