import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shop's shipping setting, kept in the shop's one order-settings row (placement reads region and shipping
 * in one statement): a flat fee per order and an optional subtotal from which shipping is free, in the shop's
 * currency. A shop may now set shipping before (or without) choosing a region, so the region becomes optional.
 */
export class ShopShippingSettings1764600000000 implements MigrationInterface {
  name = 'ShopShippingSettings1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE shop_order_settings ALTER COLUMN region DROP NOT NULL`);
    await queryRunner.query(`
      ALTER TABLE shop_order_settings
        ADD COLUMN shipping_currency_code char(3),
        ADD COLUMN shipping_flat_fee_minor bigint CHECK (shipping_flat_fee_minor >= 0),
        ADD COLUMN free_shipping_from_minor bigint CHECK (free_shipping_from_minor > 0),
        ADD CONSTRAINT shop_order_settings_shipping_complete CHECK (
          (shipping_currency_code IS NULL) = (shipping_flat_fee_minor IS NULL)
          AND (free_shipping_from_minor IS NULL OR shipping_flat_fee_minor IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE shop_order_settings
        DROP CONSTRAINT shop_order_settings_shipping_complete,
        DROP COLUMN free_shipping_from_minor,
        DROP COLUMN shipping_flat_fee_minor,
        DROP COLUMN shipping_currency_code`);
    await queryRunner.query(`DELETE FROM shop_order_settings WHERE region IS NULL`);
    await queryRunner.query(`ALTER TABLE shop_order_settings ALTER COLUMN region SET NOT NULL`);
  }
}
