import { MigrationInterface, QueryRunner } from 'typeorm';

/** Buy-more-save-more promotions in orders' read model: an offer has a kind, and a tiered one its tiers. */
export class TieredPromotionOffers1764710000000 implements MigrationInterface {
  name = 'TieredPromotionOffers1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE promotion_offers
        ADD COLUMN kind text NOT NULL DEFAULT 'PRODUCT_DISCOUNT' CHECK (kind IN ('PRODUCT_DISCOUNT', 'TIER')),
        ADD COLUMN tiers jsonb,
        ADD CONSTRAINT promotion_offers_terms_chk CHECK (
          (kind = 'PRODUCT_DISCOUNT' AND percent_off_bp IS NOT NULL AND tiers IS NULL)
          OR (kind = 'TIER' AND tiers IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM promotion_offers WHERE kind <> 'PRODUCT_DISCOUNT'`);
    await queryRunner.query(`
      ALTER TABLE promotion_offers
        DROP CONSTRAINT promotion_offers_terms_chk,
        DROP COLUMN tiers,
        DROP COLUMN kind`);
  }
}
