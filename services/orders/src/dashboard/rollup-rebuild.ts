import { EntityManager } from 'typeorm';
import { lockShopRollups, shopTimeZone } from './rollup.writer';

/**
 * Recomputes a shop's sales rollups (daily sales and daily buyers) from its order facts, in the shop's
 * current time zone, inside the caller's transaction. It must produce exactly what the incremental
 * handlers produce (a test compares them); it also runs when the shop's time zone becomes known.
 * Visitor rollups are not rebuilt: page views are not kept, only their per-day distinct visitors.
 */
export async function rebuildDashboardRollups(manager: EntityManager, sellerId: string): Promise<void> {
  await lockShopRollups(manager, sellerId);
  const timeZone = await shopTimeZone(manager, sellerId);
  await manager.query(`DELETE FROM dashboard_daily_sales WHERE seller_id = $1`, [sellerId]);
  await manager.query(`DELETE FROM dashboard_daily_buyers WHERE seller_id = $1`, [sellerId]);
  await manager.query(
    `INSERT INTO dashboard_daily_sales (seller_id, day, gmv_minor, net_minor, paid_orders)
     SELECT seller_id, (paid_at AT TIME ZONE $2)::date, sum(total_minor), sum(CASE WHEN cancelled_at IS NULL THEN total_minor ELSE 0 END), count(*)
       FROM dashboard_order_facts WHERE seller_id = $1 AND paid_at IS NOT NULL
      GROUP BY 1, 2`,
    [sellerId, timeZone],
  );
  await manager.query(
    `INSERT INTO dashboard_daily_buyers (seller_id, day, buyer_id)
     SELECT DISTINCT seller_id, (paid_at AT TIME ZONE $2)::date, buyer_id
       FROM dashboard_order_facts WHERE seller_id = $1 AND paid_at IS NOT NULL`,
    [sellerId, timeZone],
  );
}
