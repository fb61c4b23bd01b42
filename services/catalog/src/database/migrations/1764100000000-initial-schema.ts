import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@sc/db';

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner);
    await queryRunner.query(`
      CREATE TABLE shops (
        id text PRIMARY KEY,
        name text NOT NULL,
        currency_code char(3) NOT NULL,
        time_zone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE warehouses (
        id text PRIMARY KEY,
        seller_id text NOT NULL REFERENCES shops (id),
        name text NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX warehouses_seller_idx ON warehouses (seller_id, id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX warehouses_one_default_idx ON warehouses (seller_id) WHERE is_default`);
    await queryRunner.query(`
      CREATE TABLE products (
        id text PRIMARY KEY,
        seller_id text NOT NULL REFERENCES shops (id),
        title text NOT NULL,
        description text NOT NULL DEFAULT '',
        status text NOT NULL,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX products_seller_id_idx ON products (seller_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX products_seller_status_idx ON products (seller_id, status, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE skus (
        id text PRIMARY KEY,
        seller_id text NOT NULL REFERENCES shops (id),
        product_id text NOT NULL REFERENCES products (id),
        seller_sku text NOT NULL,
        sales_attributes jsonb NOT NULL DEFAULT '[]',
        price_minor bigint NOT NULL CHECK (price_minor > 0),
        currency_code char(3) NOT NULL,
        position int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX skus_seller_sku_uq ON skus (seller_id, seller_sku)`);
    await queryRunner.query(`CREATE INDEX skus_product_idx ON skus (product_id, position)`);
    await queryRunner.query(`
      CREATE TABLE inventory_levels (
        seller_id text NOT NULL,
        sku_id text NOT NULL REFERENCES skus (id),
        warehouse_id text NOT NULL REFERENCES warehouses (id),
        on_hand int NOT NULL,
        reserved int NOT NULL DEFAULT 0,
        version int NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (sku_id, warehouse_id),
        CONSTRAINT inventory_levels_never_negative CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand)
      )`);
    await queryRunner.query(`CREATE INDEX inventory_levels_seller_idx ON inventory_levels (seller_id, sku_id)`);
    await queryRunner.query(`
      CREATE TABLE stock_movements (
        id bigserial PRIMARY KEY,
        seller_id text NOT NULL,
        sku_id text NOT NULL,
        warehouse_id text NOT NULL,
        movement_type text NOT NULL,
        quantity int NOT NULL,
        source_type text NOT NULL,
        source_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX stock_movements_source_uq ON stock_movements (source_type, source_id, sku_id, warehouse_id, movement_type)`);
    await queryRunner.query(`CREATE INDEX stock_movements_sku_idx ON stock_movements (seller_id, sku_id, id DESC)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['stock_movements', 'inventory_levels', 'skus', 'products', 'warehouses', 'shops']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await dropPlatformTables(queryRunner);
  }
}
