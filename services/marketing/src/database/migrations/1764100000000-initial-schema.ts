import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@sc/db';

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner);
    // Marketing's read model of catalog products: which shop owns a product, so a promotion can only
    // cover the seller's own products without a synchronous call to catalog.
    await queryRunner.query(`
      CREATE TABLE catalog_products (
        product_id text PRIMARY KEY,
        seller_id text NOT NULL,
        title text NOT NULL,
        status text NOT NULL,
        catalog_version int NOT NULL,
        source_event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX catalog_products_seller_idx ON catalog_products (seller_id, product_id)`);
    await queryRunner.query(`
      CREATE TABLE promotions (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        title text NOT NULL,
        discount_basis_points int NOT NULL CHECK (discount_basis_points BETWEEN 100 AND 9900),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        deactivated_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT promotions_window_chk CHECK (ends_at > starts_at)
      )`);
    await queryRunner.query(`CREATE INDEX promotions_seller_idx ON promotions (seller_id, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE promotion_products (
        promotion_id text NOT NULL REFERENCES promotions (id),
        product_id text NOT NULL,
        seller_id text NOT NULL,
        PRIMARY KEY (promotion_id, product_id)
      )`);
    // "Active promotions of these products": probe by product, then the promotion's window by primary key.
    await queryRunner.query(`CREATE INDEX promotion_products_product_idx ON promotion_products (product_id, seller_id, promotion_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['promotion_products', 'promotions', 'catalog_products']) await queryRunner.query(`DROP TABLE ${table}`);
    await dropPlatformTables(queryRunner);
  }
}
