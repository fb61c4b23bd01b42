import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each order line's current shares of the order's seller discount and shipping fee, as orders re-splits them
 * after a partial cancellation (`order.lines_cancelled`), with the units they cover. A row replaces the shares
 * of `order.placed` for pricing refunds; `order_version` is the order's aggregate version that set it, so a
 * late, older event never overwrites newer shares. No foreign key to order_lines: the event may arrive before
 * `order.placed`.
 */
export class CurrentLineShares1764490000000 implements MigrationInterface {
  name = 'CurrentLineShares1764490000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE order_line_shares (
        order_line_id text PRIMARY KEY,
        order_id text NOT NULL,
        seller_id text NOT NULL,
        live_quantity int NOT NULL CHECK (live_quantity >= 0),
        seller_discount_minor bigint NOT NULL CHECK (seller_discount_minor >= 0),
        shipping_fee_minor bigint NOT NULL CHECK (shipping_fee_minor >= 0),
        order_version int NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE order_line_shares`);
  }
}
