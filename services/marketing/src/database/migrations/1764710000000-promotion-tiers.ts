import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Buy-more-save-more promotions: a promotion has a type, and a tiered one its tiers (ascending quantities and
 * discounts). `discount_basis_points` keeps its meaning for a plain discount and holds the deepest tier's for a
 * tiered one, so the existing rows and checks stay as they are.
 */
export class PromotionTiers1764710000000 implements MigrationInterface {
  name = 'PromotionTiers1764710000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE promotions
        ADD COLUMN type text NOT NULL DEFAULT 'PRODUCT_DISCOUNT' CHECK (type IN ('PRODUCT_DISCOUNT', 'BUY_MORE_SAVE_MORE')),
        ADD COLUMN tiers jsonb,
        ADD CONSTRAINT promotions_tiers_chk CHECK ((type = 'BUY_MORE_SAVE_MORE') = (tiers IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM promotion_products WHERE promotion_id IN (SELECT id FROM promotions WHERE type <> 'PRODUCT_DISCOUNT')`);
    await queryRunner.query(`DELETE FROM promotions WHERE type <> 'PRODUCT_DISCOUNT'`);
    await queryRunner.query(`ALTER TABLE promotions DROP CONSTRAINT promotions_tiers_chk, DROP COLUMN tiers, DROP COLUMN type`);
  }
}
