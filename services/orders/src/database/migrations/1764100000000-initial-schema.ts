import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@sc/db';

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner);
    await queryRunner.query(`
      CREATE TABLE sku_prices (
        sku_id text PRIMARY KEY,
        seller_id text NOT NULL,
        product_id text NOT NULL,
        price_minor bigint NOT NULL CHECK (price_minor > 0),
        currency_code char(3) NOT NULL,
        source_event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX sku_prices_seller_idx ON sku_prices (seller_id, sku_id)`);
    await queryRunner.query(`
      CREATE TABLE orders (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        buyer_id text NOT NULL,
        status text NOT NULL,
        currency_code char(3) NOT NULL,
        total_minor bigint NOT NULL CHECK (total_minor >= 0),
        cancel_reason text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX orders_seller_idx ON orders (seller_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX orders_seller_status_idx ON orders (seller_id, status, id DESC)`);
    await queryRunner.query(`CREATE INDEX orders_buyer_idx ON orders (buyer_id, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE order_lines (
        id text PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (id),
        seller_id text NOT NULL,
        sku_id text NOT NULL,
        product_id text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor > 0),
        line_total_minor bigint NOT NULL CHECK (line_total_minor > 0),
        position int NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX order_lines_order_idx ON order_lines (order_id, position)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['order_lines', 'orders', 'sku_prices']) await queryRunner.query(`DROP TABLE ${table}`);
    await dropPlatformTables(queryRunner);
  }
}
