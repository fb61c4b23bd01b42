import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The product list's out-of-stock filter reads `sku_stock_status.out_of_stock` (the flag that also drives
 * Shop.outOfStockSkus and the transition events) per product, so it gets a partial index on product_id;
 * and the stock ledger becomes append-only in the database itself, not just by convention.
 */
export class ProductOutOfStockAndLedgerGuard1764420000000 implements MigrationInterface {
  name = 'ProductOutOfStockAndLedgerGuard1764420000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX sku_stock_status_product_oos_idx ON sku_stock_status (product_id) WHERE out_of_stock`);
    // Corrections are new movements; rewriting or deleting history would make "what does this order
    // still hold" (a sum over the ledger) silently wrong.
    await queryRunner.query(`
      CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stock_movements is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
        FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER stock_movements_no_truncate BEFORE TRUNCATE ON stock_movements
        FOR EACH STATEMENT EXECUTE FUNCTION stock_movements_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER stock_movements_no_truncate ON stock_movements`);
    await queryRunner.query(`DROP TRIGGER stock_movements_append_only ON stock_movements`);
    await queryRunner.query(`DROP FUNCTION stock_movements_append_only()`);
    await queryRunner.query(`DROP INDEX sku_stock_status_product_oos_idx`);
  }
}
