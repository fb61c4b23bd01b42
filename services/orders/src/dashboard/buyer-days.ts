import { DataSource, EntityManager } from 'typeorm';
import { returnedRows } from '@sc/db';
import { DayRange } from './day-range';
import { lockShopRollupsShared } from './rollup-lock';

// Exact distinct buyers of any range without DISTINCT: every buyer-day row keeps the buyer's previous paid
// day, so a buyer counts in [a, b] exactly once, on the row whose prev_day is before a. Ranges already read
// are cached in dashboard_range_buyers; every write below keeps them exact, so they never expire.

/**
 * Records that a buyer paid on a day (caller holds the shop's rollup lock): links the row between the buyer's
 * neighbouring days (events arrive in any order), adds one to the day's distinct buyers and to every cached
 * range in which this is the buyer's only day. Repeating it changes nothing.
 */
export async function recordBuyerDay(manager: EntityManager, sellerId: string, day: string, buyerId: string): Promise<void> {
  const inserted = returnedRows<{ prev_day: string | null }>(
    await manager.query(
      `INSERT INTO dashboard_daily_buyers (seller_id, day, buyer_id, prev_day)
     VALUES ($1, $2, $3, (SELECT max(day) FROM dashboard_daily_buyers WHERE seller_id = $1 AND buyer_id = $3 AND day < $2))
     ON CONFLICT DO NOTHING RETURNING prev_day::text`,
      [sellerId, day, buyerId],
    ),
  );
  if (inserted.length === 0) return;
  const prevDay = inserted[0].prev_day;
  const next = returnedRows<{ day: string }>(
    await manager.query(
      `UPDATE dashboard_daily_buyers b SET prev_day = $2
       FROM (SELECT min(day) AS day FROM dashboard_daily_buyers WHERE seller_id = $1 AND buyer_id = $3 AND day > $2) n
      WHERE b.seller_id = $1 AND b.buyer_id = $3 AND b.day = n.day
     RETURNING b.day::text AS day`,
      [sellerId, day, buyerId],
    ),
  );
  const nextDay = next[0]?.day ?? null;
  await manager.query(`UPDATE dashboard_daily_sales SET buyers = buyers + 1 WHERE seller_id = $1 AND day = $2`, [sellerId, day]);
  // Cached ranges holding the day in which the buyer had no other paid day.
  await manager.query(
    `UPDATE dashboard_range_buyers SET buyers = buyers + 1
      WHERE seller_id = $1 AND to_day >= $2 AND from_day <= $2
        AND ($3::date IS NULL OR from_day > $3::date) AND ($4::date IS NULL OR to_day < $4::date)`,
    [sellerId, day, prevDay, nextDay],
  );
}

/** Counts each buyer once, on their first paid day in the range; `from` may be before the rows read (a tail). */
export const countFirstBuyerDaysSql = (seller: string, from: string, to: string, rangeStart: string): string =>
  `(SELECT count(*) FROM dashboard_daily_buyers WHERE seller_id = ${seller} AND day BETWEEN ${from} AND ${to}
       AND (prev_day IS NULL OR prev_day < ${rangeStart}))::int`;

/**
 * Computes a closed range's distinct buyers and caches them. The shared lock waits for rollup writers in
 * flight, so the count (taken after it) cannot miss a write that found no cache row to update.
 */
export async function cacheRangeBuyers(dataSource: DataSource, sellerId: string, range: DayRange): Promise<number> {
  return dataSource.transaction(async (manager) => {
    await lockShopRollupsShared(manager, sellerId);
    const [row]: Array<{ buyers: number }> = await manager.query(
      `INSERT INTO dashboard_range_buyers (seller_id, to_day, from_day, buyers)
       SELECT $1, $3, $2, ${countFirstBuyerDaysSql('$1', '$2', '$3', '$2')}
       ON CONFLICT (seller_id, to_day, from_day) DO UPDATE SET buyers = EXCLUDED.buyers
       RETURNING buyers`,
      [sellerId, range.from, range.to],
    );
    return row.buyers;
  });
}
