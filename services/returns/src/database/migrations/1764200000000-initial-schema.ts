import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@sc/db';

export class InitialSchema1764200000000 implements MigrationInterface {
  name = 'InitialSchema1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner);
    // Read model of orders.order.v1. buyer_id and currency_code stay null while only a later event
    // (confirmed/cancelled) has arrived and order.placed has not: such an order is not returnable yet.
    await queryRunner.query(`
      CREATE TABLE orders (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        buyer_id text,
        currency_code char(3),
        status text NOT NULL,
        status_version int NOT NULL,
        placed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX orders_seller_idx ON orders (seller_id, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE order_lines (
        id text PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (id),
        seller_id text NOT NULL,
        sku_id text NOT NULL,
        product_id text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        unit_price_minor bigint NOT NULL CHECK (unit_price_minor >= 0),
        position int NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX order_lines_order_idx ON order_lines (order_id, position)`);
    await queryRunner.query(`
      CREATE TABLE return_requests (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        order_id text NOT NULL REFERENCES orders (id),
        buyer_id text NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        reason_text text,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX return_requests_seller_idx ON return_requests (seller_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX return_requests_seller_status_idx ON return_requests (seller_id, status, id DESC)`);
    await queryRunner.query(`CREATE INDEX return_requests_buyer_idx ON return_requests (buyer_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX return_requests_order_idx ON return_requests (order_id, id)`);
    await queryRunner.query(`
      CREATE TABLE return_lines (
        id text PRIMARY KEY,
        return_request_id text NOT NULL REFERENCES return_requests (id),
        seller_id text NOT NULL,
        order_line_id text NOT NULL REFERENCES order_lines (id),
        quantity int NOT NULL CHECK (quantity > 0),
        position int NOT NULL,
        UNIQUE (return_request_id, order_line_id)
      )`);
    await queryRunner.query(`CREATE INDEX return_lines_request_idx ON return_lines (return_request_id, position)`);
    await queryRunner.query(`CREATE INDEX return_lines_order_line_idx ON return_lines (order_line_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['return_lines', 'return_requests', 'order_lines', 'orders']) await queryRunner.query(`DROP TABLE ${table}`);
    await dropPlatformTables(queryRunner);
  }
}
