import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders' read model of marketing's promotions (fed by marketing.promotion.v1), which placement prices with,
 * and each order line's price layers: what every promotion took off it and who funds it.
 */
export class PromotionOffersAndPriceLayers1764700000000 implements MigrationInterface {
  name = 'PromotionOffersAndPriceLayers1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE promotion_offers (
        promotion_id text NOT NULL,
        product_id text NOT NULL,
        seller_id text NOT NULL,
        funder text NOT NULL CHECK (funder IN ('SELLER', 'PLATFORM')),
        percent_off_bp int CHECK (percent_off_bp BETWEEN 1 AND 9999),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        source_event_id uuid NOT NULL,
        PRIMARY KEY (promotion_id, product_id),
        CHECK (ends_at >= starts_at)
      )`);
    // Placement reads the offers of the cart's products in the shop, in one statement.
    await queryRunner.query(`CREATE INDEX promotion_offers_product_idx ON promotion_offers (seller_id, product_id)`);
    await queryRunner.query(`ALTER TABLE order_lines ADD COLUMN price_layers jsonb NOT NULL DEFAULT '[]'::jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE order_lines DROP COLUMN price_layers`);
    await queryRunner.query(`DROP TABLE promotion_offers`);
  }
}
