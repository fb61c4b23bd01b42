import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shop.outOfStockSkus and its count leave out SKUs whose product cannot be put on sale by the seller
 * (drafts, products in review or suspended, deleted ones). sku_stock_status therefore carries its
 * product's status, kept equal to products.status by triggers in the very transaction that changes it,
 * whoever writes (lifecycle commands, imports, seed SQL), so the list and the count stay exact and come
 * from one partial index. The product list's created range gets a (seller_id, created_at, id) index to
 * walk newest-first in keyset order instead of filtering the whole shop.
 */
export class SkuListingStatusAndProductListIndexes1764480000000 implements MigrationInterface {
  name = 'SkuListingStatusAndProductListIndexes1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE sku_stock_status ADD COLUMN product_status text`);
    await queryRunner.query(`UPDATE sku_stock_status st SET product_status = p.status FROM products p WHERE p.id = st.product_id`);
    await queryRunner.query(`ALTER TABLE sku_stock_status ALTER COLUMN product_status SET NOT NULL`);
    // A status row is created with its SKU, in the product's own creating transaction (or for a SKU that
    // already exists, whose product row is then committed): reading the status here is never stale.
    await queryRunner.query(`
      CREATE FUNCTION sku_stock_status_take_product_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT p.status INTO NEW.product_status FROM products p WHERE p.id = NEW.product_id;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER sku_stock_status_take_product_status BEFORE INSERT ON sku_stock_status
        FOR EACH ROW EXECUTE FUNCTION sku_stock_status_take_product_status()`);
    // Rows are locked in sku_id order first: the order stock refreshes lock them in, so a status change
    // and a concurrent stock change of the same SKUs never deadlock.
    await queryRunner.query(`
      CREATE FUNCTION products_status_to_sku_stock_status() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM 1 FROM sku_stock_status WHERE sku_id IN (SELECT s.id FROM skus s WHERE s.product_id = NEW.id) ORDER BY sku_id FOR UPDATE;
        UPDATE sku_stock_status SET product_status = NEW.status WHERE sku_id IN (SELECT s.id FROM skus s WHERE s.product_id = NEW.id);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER products_status_to_sku_stock_status AFTER UPDATE OF status ON products
        FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status) EXECUTE FUNCTION products_status_to_sku_stock_status()`);
    // Literal on purpose and textually the same as LISTED_OUT_OF_STOCK in inventory/stock-queries.ts.
    await queryRunner.query(`
      CREATE INDEX sku_stock_status_listed_oos_idx ON sku_stock_status (seller_id, sku_id DESC)
        WHERE out_of_stock AND product_status IN ('ACTIVATE', 'SELLER_DEACTIVATED')`);

    await queryRunner.query(`DROP INDEX products_seller_created_idx`);
    await queryRunner.query(`CREATE INDEX products_seller_created_id_idx ON products (seller_id, created_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX products_seller_created_id_idx`);
    await queryRunner.query(`CREATE INDEX products_seller_created_idx ON products (seller_id, created_at)`);
    await queryRunner.query(`DROP INDEX sku_stock_status_listed_oos_idx`);
    await queryRunner.query(`DROP TRIGGER products_status_to_sku_stock_status ON products`);
    await queryRunner.query(`DROP FUNCTION products_status_to_sku_stock_status()`);
    await queryRunner.query(`DROP TRIGGER sku_stock_status_take_product_status ON sku_stock_status`);
    await queryRunner.query(`DROP FUNCTION sku_stock_status_take_product_status()`);
    await queryRunner.query(`ALTER TABLE sku_stock_status DROP COLUMN product_status`);
  }
}
