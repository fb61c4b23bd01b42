import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds on the home dashboard: the facts of returns' `refund.issued` (kept here so a rebuild never asks
 * returns) and a per-day refunds figure next to GMV and net sales.
 */
export class DashboardRefunds1764460000000 implements MigrationInterface {
  name = 'DashboardRefunds1764460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE dashboard_refund_facts (
        refund_id text PRIMARY KEY,
        seller_id text NOT NULL,
        order_id text NOT NULL,
        return_id text,
        cancellation_id text,
        issued_at timestamptz NOT NULL,
        amount_minor bigint NOT NULL CHECK (amount_minor >= 0),
        currency_code char(3) NOT NULL,
        lines jsonb NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX dashboard_refund_facts_seller_idx ON dashboard_refund_facts (seller_id, issued_at)`);
    await queryRunner.query(`ALTER TABLE dashboard_daily_sales ADD COLUMN refunds_minor bigint NOT NULL DEFAULT 0`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE dashboard_daily_sales DROP COLUMN refunds_minor`);
    await queryRunner.query(`DROP TABLE dashboard_refund_facts`);
  }
}
