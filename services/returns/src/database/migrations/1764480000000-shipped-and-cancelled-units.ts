import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What after-sales eligibility needs from orders: the units each line shipped and the units cancelled before
 * shipment, and when the order was delivered (the after-sales window starts then). Shipped and cancelled units
 * are a ledger keyed by their source (package id, or the cancelling event's id), so a redelivered event adds
 * nothing; there is no foreign key to order_lines because such an event may arrive before `order.placed`.
 */
export class ShippedAndCancelledUnits1764480000000 implements MigrationInterface {
  name = 'ShippedAndCancelledUnits1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE orders ADD COLUMN delivered_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE order_line_units (
        kind text NOT NULL CHECK (kind IN ('SHIPPED', 'CANCELLED')),
        source_id text NOT NULL,
        order_line_id text NOT NULL,
        order_id text NOT NULL,
        seller_id text NOT NULL,
        quantity int NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (kind, source_id, order_line_id)
      )`);
    await queryRunner.query(`CREATE INDEX order_line_units_order_idx ON order_line_units (order_id, order_line_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_line_units`);
    await queryRunner.query(`ALTER TABLE orders DROP COLUMN delivered_at`);
  }
}
