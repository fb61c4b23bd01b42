import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lowest unit price buyers paid per SKU and day (UTC), from orders' `order.paid`: what a flash deal's price
 * must stay below (the lowest price paid in the last 30 days), and what sellers see as `Sku.lowestPrice30d`.
 */
export class SkuPaidPrices1764700000000 implements MigrationInterface {
  name = 'SkuPaidPrices1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sku_paid_prices (
        sku_id text NOT NULL,
        paid_on date NOT NULL,
        seller_id text NOT NULL,
        currency_code char(3) NOT NULL,
        lowest_unit_minor bigint NOT NULL CHECK (lowest_unit_minor >= 0),
        PRIMARY KEY (sku_id, paid_on)
      )`);
    // A seller's SKUs over a window, in one statement: (seller_id, sku_id) then the days.
    await queryRunner.query(`CREATE INDEX sku_paid_prices_seller_idx ON sku_paid_prices (seller_id, sku_id, paid_on)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sku_paid_prices`);
  }
}
