import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Line-level cancellations: in the dashboard's order facts (their amount leaves net sales once) and in buyer
 * cancellation requests (the units asked for); and the shop's order settings (the region whose policy sets
 * its orders' deadlines).
 */
export class LineCancellationAndShopSettings1764470000000 implements MigrationInterface {
  name = 'LineCancellationAndShopSettings1764470000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dashboard_order_facts ADD COLUMN cancelled_lines_minor bigint NOT NULL DEFAULT 0 CHECK (cancelled_lines_minor >= 0)`);
    await queryRunner.query(`ALTER TABLE cancellation_requests ADD COLUMN lines jsonb`);
    await queryRunner.query(`
      CREATE TABLE shop_order_settings (
        seller_id text PRIMARY KEY,
        region text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE shop_order_settings`);
    await queryRunner.query(`ALTER TABLE cancellation_requests DROP COLUMN lines`);
    await queryRunner.query(`ALTER TABLE dashboard_order_facts DROP COLUMN cancelled_lines_minor`);
  }
}
