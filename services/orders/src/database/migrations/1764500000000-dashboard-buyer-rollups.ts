import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exact distinct buyers without DISTINCT over the buyer-days: each buyer-day row keeps the buyer's previous
 * paid day (a buyer counts in [a, b] once, on their first day in it: the row whose prev_day is before a), the
 * daily rollup keeps the day's distinct buyers, and ranges already read are cached and kept exact by the writer.
 * Plus partial indexes so the action counters read only open orders.
 */
export class DashboardBuyerRollups1764500000000 implements MigrationInterface {
  name = 'DashboardBuyerRollups1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dashboard_daily_sales ADD COLUMN buyers int NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE dashboard_daily_buyers ADD COLUMN prev_day date`);
    await queryRunner.query(`
      UPDATE dashboard_daily_buyers b SET prev_day = p.prev_day
        FROM (SELECT seller_id, day, buyer_id, lag(day) OVER (PARTITION BY seller_id, buyer_id ORDER BY day) AS prev_day FROM dashboard_daily_buyers) p
       WHERE p.prev_day IS NOT NULL AND b.seller_id = p.seller_id AND b.day = p.day AND b.buyer_id = p.buyer_id`);
    await queryRunner.query(`
      UPDATE dashboard_daily_sales s SET buyers = b.n
        FROM (SELECT seller_id, day, count(*)::int AS n FROM dashboard_daily_buyers GROUP BY seller_id, day) b
       WHERE s.seller_id = b.seller_id AND s.day = b.day`);
    await queryRunner.query(`CREATE INDEX dashboard_daily_buyers_range_idx ON dashboard_daily_buyers (seller_id, day) INCLUDE (prev_day)`);
    await queryRunner.query(`CREATE INDEX dashboard_daily_buyers_buyer_idx ON dashboard_daily_buyers (seller_id, buyer_id, day)`);
    // Keyed by to_day first: a write for day d touches only ranges ending on or after d (none, for today's payments).
    await queryRunner.query(`
      CREATE TABLE dashboard_range_buyers (
        seller_id text NOT NULL,
        to_day date NOT NULL,
        from_day date NOT NULL,
        buyers int NOT NULL CHECK (buyers >= 0),
        PRIMARY KEY (seller_id, to_day, from_day),
        CHECK (from_day <= to_day)
      )`);
    await queryRunner.query(
      `CREATE INDEX orders_seller_open_auto_cancel_idx ON orders (seller_id, auto_cancel_at)
        WHERE status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING') AND auto_cancel_at IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX orders_seller_open_ship_by_idx ON orders (seller_id, ship_by_at)
        WHERE status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING') AND ship_by_at IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX orders_seller_open_ship_by_idx`);
    await queryRunner.query(`DROP INDEX orders_seller_open_auto_cancel_idx`);
    await queryRunner.query(`DROP TABLE dashboard_range_buyers`);
    await queryRunner.query(`DROP INDEX dashboard_daily_buyers_buyer_idx`);
    await queryRunner.query(`DROP INDEX dashboard_daily_buyers_range_idx`);
    await queryRunner.query(`ALTER TABLE dashboard_daily_buyers DROP COLUMN prev_day`);
    await queryRunner.query(`ALTER TABLE dashboard_daily_sales DROP COLUMN buyers`);
  }
}
