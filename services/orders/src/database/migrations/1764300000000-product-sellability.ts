import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sellability in orders' catalog read model: the latest product status per product (version-guarded,
 * so out-of-order events settle on the newest) and a denormalised `sellable` flag on each SKU price
 * that placeOrder checks. Prices carry the product version that set them for the same reason.
 */
export class ProductSellability1764300000000 implements MigrationInterface {
  name = 'ProductSellability1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rows from before the catalog lifecycle came from products that were live at creation.
    await queryRunner.query(`ALTER TABLE sku_prices ADD COLUMN sellable boolean NOT NULL DEFAULT true`);
    await queryRunner.query(`ALTER TABLE sku_prices ALTER COLUMN sellable SET DEFAULT false`);
    await queryRunner.query(`ALTER TABLE sku_prices ADD COLUMN price_version int NOT NULL DEFAULT 1`);
    await queryRunner.query(`CREATE INDEX sku_prices_product_idx ON sku_prices (product_id)`);
    await queryRunner.query(`
      CREATE TABLE product_sellability (
        product_id text PRIMARY KEY,
        seller_id text NOT NULL,
        status text NOT NULL,
        sellable boolean NOT NULL,
        status_version int NOT NULL,
        source_event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE product_sellability`);
    await queryRunner.query(`DROP INDEX sku_prices_product_idx`);
    await queryRunner.query(`ALTER TABLE sku_prices DROP COLUMN price_version, DROP COLUMN sellable`);
  }
}
