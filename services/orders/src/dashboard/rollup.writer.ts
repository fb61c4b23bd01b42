import { EntityManager } from 'typeorm';
import { recordBuyerDay } from './buyer-days';
import { localDay } from './day-range';
import { lockShopRollups } from './rollup-lock';

/** Time zone the dashboard uses until catalog's shop.registered has told orders the shop's own. */
export const FALLBACK_TIME_ZONE = 'UTC';

/** The shop's IANA time zone as projected from catalog, or UTC while unknown. */
export async function shopTimeZone(manager: EntityManager, sellerId: string): Promise<string> {
  const rows: Array<{ time_zone: string }> = await manager.query(`SELECT time_zone FROM dashboard_shops WHERE seller_id = $1`, [sellerId]);
  return rows[0]?.time_zone ?? FALLBACK_TIME_ZONE;
}

export { lockShopRollups };

const addToDay = (manager: EntityManager, sellerId: string, day: string, gmv: string, net: string, orders: number) =>
  manager.query(
    `INSERT INTO dashboard_daily_sales (seller_id, day, gmv_minor, net_minor, paid_orders) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (seller_id, day) DO UPDATE SET gmv_minor = dashboard_daily_sales.gmv_minor + EXCLUDED.gmv_minor,
       net_minor = dashboard_daily_sales.net_minor + EXCLUDED.net_minor, paid_orders = dashboard_daily_sales.paid_orders + EXCLUDED.paid_orders`,
    [sellerId, day, gmv, net, orders],
  );

/**
 * Records a payment: the order's fact row, then its day's GMV, net sales, order count and buyer. A repeated
 * payment of the same order changes nothing; a cancellation that arrived first keeps it out of net sales.
 */
export async function applyOrderPaid(
  manager: EntityManager,
  p: { sellerId: string; orderId: string; buyerId: string; paidAt: Date; totalMinor: string; currencyCode: string },
): Promise<void> {
  const rows: Array<{ cancelled_at: Date | null; cancelled_lines_minor: string }> = await manager.query(
    `INSERT INTO dashboard_order_facts (order_id, seller_id, buyer_id, paid_at, total_minor, currency_code) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (order_id) DO UPDATE SET buyer_id = EXCLUDED.buyer_id, paid_at = EXCLUDED.paid_at,
       total_minor = EXCLUDED.total_minor, currency_code = EXCLUDED.currency_code
       WHERE dashboard_order_facts.paid_at IS NULL
     RETURNING cancelled_at, cancelled_lines_minor`,
    [p.orderId, p.sellerId, p.buyerId, p.paidAt, p.totalMinor, p.currencyCode],
  );
  if (rows.length === 0) return;
  await lockShopRollups(manager, p.sellerId);
  const day = localDay(p.paidAt, await shopTimeZone(manager, p.sellerId));
  const net = rows[0].cancelled_at ? 0n : BigInt(p.totalMinor) - BigInt(rows[0].cancelled_lines_minor);
  await addToDay(manager, p.sellerId, day, p.totalMinor, net.toString(), 1);
  await recordBuyerDay(manager, p.sellerId, day, p.buyerId);
}

/**
 * Records a cancellation: a paid order leaves net sales of its payment day (GMV keeps it, by definition).
 * Refunds take their own path ({@link applyRefundIssued}).
 */
export async function applyOrderCancelled(manager: EntityManager, p: { sellerId: string; orderId: string; cancelledAt: Date }): Promise<void> {
  const rows: Array<{ paid_at: Date | null; total_minor: string | null; cancelled_lines_minor: string }> = await manager.query(
    `INSERT INTO dashboard_order_facts (order_id, seller_id, cancelled_at) VALUES ($1, $2, $3)
     ON CONFLICT (order_id) DO UPDATE SET cancelled_at = EXCLUDED.cancelled_at WHERE dashboard_order_facts.cancelled_at IS NULL
     RETURNING paid_at, total_minor, cancelled_lines_minor`,
    [p.orderId, p.sellerId, p.cancelledAt],
  );
  const fact = rows[0];
  if (!fact?.paid_at || fact.total_minor === null) return;
  await lockShopRollups(manager, p.sellerId);
  const day = localDay(fact.paid_at, await shopTimeZone(manager, p.sellerId));
  // Lines cancelled earlier already left net sales.
  await addToDay(manager, p.sellerId, day, '0', (BigInt(fact.cancelled_lines_minor) - BigInt(fact.total_minor)).toString(), 0);
}

/**
 * Records a line-level cancellation: its amount leaves net sales of the payment day (GMV keeps it). Kept on
 * the order's fact so a later payment or whole-order cancellation does not count it twice.
 */
export async function applyOrderLinesCancelled(manager: EntityManager, p: { sellerId: string; orderId: string; amountMinor: string }): Promise<void> {
  const rows: Array<{ paid_at: Date | null; cancelled_at: Date | null }> = await manager.query(
    `INSERT INTO dashboard_order_facts (order_id, seller_id, cancelled_lines_minor) VALUES ($1, $2, $3)
     ON CONFLICT (order_id) DO UPDATE SET cancelled_lines_minor = dashboard_order_facts.cancelled_lines_minor + EXCLUDED.cancelled_lines_minor
     RETURNING paid_at, cancelled_at`,
    [p.orderId, p.sellerId, p.amountMinor],
  );
  const fact = rows[0];
  if (!fact.paid_at || fact.cancelled_at) return;
  await lockShopRollups(manager, p.sellerId);
  const day = localDay(fact.paid_at, await shopTimeZone(manager, p.sellerId));
  await addToDay(manager, p.sellerId, day, '0', (-BigInt(p.amountMinor)).toString(), 0);
}

/**
 * Records a refund (rule §C.7 #46): it leaves net sales of the day it was issued in the shop's time zone,
 * not of the order's payment day, so a closed period never changes. A refund of a cancellation is kept but
 * moves no figure: the cancellation already took the whole order out of net sales.
 */
export async function applyRefundIssued(
  manager: EntityManager,
  p: {
    sellerId: string;
    refundId: string;
    orderId: string;
    returnId: string | null;
    cancellationId: string | null;
    issuedAt: Date;
    amountMinor: string;
    currencyCode: string;
    lines: unknown;
  },
): Promise<void> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO dashboard_refund_facts (refund_id, seller_id, order_id, return_id, cancellation_id, issued_at, amount_minor, currency_code, lines)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (refund_id) DO NOTHING RETURNING refund_id`,
    [p.refundId, p.sellerId, p.orderId, p.returnId, p.cancellationId, p.issuedAt, p.amountMinor, p.currencyCode, JSON.stringify(p.lines)],
  );
  if (inserted.length === 0 || p.cancellationId !== null) return;
  await lockShopRollups(manager, p.sellerId);
  const day = localDay(p.issuedAt, await shopTimeZone(manager, p.sellerId));
  await manager.query(
    `INSERT INTO dashboard_daily_sales (seller_id, day, net_minor, refunds_minor) VALUES ($1, $2, $3, $4)
     ON CONFLICT (seller_id, day) DO UPDATE SET net_minor = dashboard_daily_sales.net_minor + EXCLUDED.net_minor,
       refunds_minor = dashboard_daily_sales.refunds_minor + EXCLUDED.refunds_minor`,
    [p.sellerId, day, (-BigInt(p.amountMinor)).toString(), p.amountMinor],
  );
}

/** Counts a visitor once per shop and local day. */
export async function applyPageView(manager: EntityManager, p: { sellerId: string; visitorId: string; viewedAt: Date }): Promise<void> {
  const day = localDay(p.viewedAt, await shopTimeZone(manager, p.sellerId));
  const inserted: unknown[] = await manager.query(
    `INSERT INTO dashboard_daily_visitors (seller_id, day, visitor_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING visitor_id`,
    [p.sellerId, day, p.visitorId],
  );
  if (inserted.length === 0) return;
  await manager.query(
    `INSERT INTO dashboard_daily_visitor_counts (seller_id, day, visitors) VALUES ($1, $2, 1)
     ON CONFLICT (seller_id, day) DO UPDATE SET visitors = dashboard_daily_visitor_counts.visitors + 1`,
    [p.sellerId, day],
  );
}
