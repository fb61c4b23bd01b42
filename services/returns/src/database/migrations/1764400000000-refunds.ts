import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds: the request type (refund only vs return and refund), what the order read model needs to price
 * a refund (payment time, each line's discount and shipping shares), and the refunds with their lines.
 */
export class Refunds1764400000000 implements MigrationInterface {
  name = 'Refunds1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE return_requests
        ADD COLUMN type text NOT NULL DEFAULT 'RETURN_AND_REFUND' CHECK (type IN ('REFUND', 'RETURN_AND_REFUND'))`);
    await queryRunner.query(`ALTER TABLE orders ADD COLUMN paid_at timestamptz`);
    await queryRunner.query(`
      ALTER TABLE order_lines
        ADD COLUMN seller_discount_minor bigint NOT NULL DEFAULT 0 CHECK (seller_discount_minor >= 0),
        ADD COLUMN shipping_fee_minor bigint NOT NULL DEFAULT 0 CHECK (shipping_fee_minor >= 0)`);
    await queryRunner.query(`
      CREATE TABLE refunds (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        order_id text NOT NULL REFERENCES orders (id),
        buyer_id text NOT NULL,
        return_request_id text UNIQUE REFERENCES return_requests (id),
        cancellation_id text UNIQUE,
        currency_code char(3) NOT NULL,
        subtotal_minor bigint NOT NULL CHECK (subtotal_minor >= 0),
        shipping_fee_minor bigint NOT NULL CHECK (shipping_fee_minor >= 0),
        total_minor bigint NOT NULL CHECK (total_minor = subtotal_minor + shipping_fee_minor),
        status text NOT NULL CHECK (status IN ('PENDING', 'SETTLED', 'FAILED')),
        issued_at timestamptz NOT NULL,
        CHECK ((return_request_id IS NULL) <> (cancellation_id IS NULL))
      )`);
    await queryRunner.query(`CREATE INDEX refunds_seller_idx ON refunds (seller_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX refunds_order_idx ON refunds (order_id)`);
    await queryRunner.query(`
      CREATE TABLE refund_lines (
        id text PRIMARY KEY,
        refund_id text NOT NULL REFERENCES refunds (id),
        seller_id text NOT NULL,
        order_line_id text NOT NULL REFERENCES order_lines (id),
        quantity int NOT NULL CHECK (quantity > 0),
        subtotal_minor bigint NOT NULL CHECK (subtotal_minor >= 0),
        shipping_fee_minor bigint NOT NULL CHECK (shipping_fee_minor >= 0),
        amount_minor bigint NOT NULL CHECK (amount_minor = subtotal_minor + shipping_fee_minor),
        position int NOT NULL,
        UNIQUE (refund_id, order_line_id)
      )`);
    await queryRunner.query(`CREATE INDEX refund_lines_refund_idx ON refund_lines (refund_id, position)`);
    await queryRunner.query(`CREATE INDEX refund_lines_order_line_idx ON refund_lines (order_line_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE refund_lines`);
    await queryRunner.query(`DROP TABLE refunds`);
    await queryRunner.query(`ALTER TABLE order_lines DROP COLUMN shipping_fee_minor, DROP COLUMN seller_discount_minor`);
    await queryRunner.query(`ALTER TABLE orders DROP COLUMN paid_at`);
    await queryRunner.query(`ALTER TABLE return_requests DROP COLUMN type`);
  }
}
