import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Order lifecycle: payment, deadlines, recipient, order-level amounts, packages, cancellation requests
 * and the timers that drive the marketplace's deadlines.
 */
export class OrderLifecycle1764320000000 implements MigrationInterface {
  name = 'OrderLifecycle1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE orders
        ADD COLUMN region text NOT NULL DEFAULT 'US',
        ADD COLUMN subtotal_minor bigint NOT NULL DEFAULT 0 CHECK (subtotal_minor >= 0),
        ADD COLUMN shipping_fee_minor bigint NOT NULL DEFAULT 0 CHECK (shipping_fee_minor >= 0),
        ADD COLUMN seller_discount_minor bigint NOT NULL DEFAULT 0 CHECK (seller_discount_minor >= 0),
        ADD COLUMN recipient_name text,
        ADD COLUMN recipient_phone text,
        ADD COLUMN recipient_address text,
        ADD COLUMN cancelled_by text,
        ADD COLUMN paid_at timestamptz,
        ADD COLUMN unpaid_expires_at timestamptz,
        ADD COLUMN remorse_ends_at timestamptz,
        ADD COLUMN ship_by_at timestamptz,
        ADD COLUMN auto_cancel_at timestamptz,
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN completes_at timestamptz,
        ADD COLUMN open_cancellation_id text`);
    await queryRunner.query(`UPDATE orders SET subtotal_minor = total_minor`);
    // Seller list filters; each leads with seller_id so a shop's list never scans other shops.
    await queryRunner.query(`CREATE INDEX orders_seller_created_idx ON orders (seller_id, created_at, id)`);
    await queryRunner.query(`CREATE INDEX orders_seller_paid_idx ON orders (seller_id, paid_at, id) WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX orders_seller_ship_by_idx ON orders (seller_id, ship_by_at, id) WHERE ship_by_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX orders_seller_buyer_idx ON orders (seller_id, buyer_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX orders_seller_open_cancellation_idx ON orders (seller_id, id DESC) WHERE open_cancellation_id IS NOT NULL`);

    await queryRunner.query(`
      ALTER TABLE order_lines
        ADD COLUMN cancelled_quantity int NOT NULL DEFAULT 0 CHECK (cancelled_quantity >= 0),
        ADD COLUMN packed_quantity int NOT NULL DEFAULT 0 CHECK (packed_quantity >= 0),
        ADD COLUMN shipped_quantity int NOT NULL DEFAULT 0 CHECK (shipped_quantity >= 0),
        ADD COLUMN shipping_fee_minor bigint NOT NULL DEFAULT 0 CHECK (shipping_fee_minor >= 0),
        ADD COLUMN seller_discount_minor bigint NOT NULL DEFAULT 0 CHECK (seller_discount_minor >= 0),
        ADD COLUMN creator_id text,
        ADD COLUMN content_id text,
        ADD COLUMN ad_campaign_id text,
        ADD CONSTRAINT order_lines_quantities_check CHECK (cancelled_quantity + packed_quantity <= quantity AND shipped_quantity <= packed_quantity)`);
    await queryRunner.query(`CREATE INDEX order_lines_seller_sku_idx ON order_lines (seller_id, sku_id, order_id)`);

    await queryRunner.query(`
      CREATE TABLE packages (
        id text PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (id),
        seller_id text NOT NULL,
        status text NOT NULL,
        carrier text,
        tracking_number text,
        shipped_at timestamptz,
        in_transit_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX packages_order_idx ON packages (order_id, id)`);
    await queryRunner.query(`
      CREATE TABLE package_lines (
        package_id text NOT NULL REFERENCES packages (id),
        order_line_id text NOT NULL REFERENCES order_lines (id),
        quantity int NOT NULL CHECK (quantity > 0),
        PRIMARY KEY (package_id, order_line_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE cancellation_requests (
        id text PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (id),
        seller_id text NOT NULL,
        buyer_id text NOT NULL,
        status text NOT NULL,
        reason text NOT NULL,
        reject_reason text,
        respond_by timestamptz NOT NULL,
        requested_at timestamptz NOT NULL,
        decided_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX cancellation_requests_order_idx ON cancellation_requests (order_id, id)`);
    await queryRunner.query(`CREATE INDEX cancellation_requests_seller_idx ON cancellation_requests (seller_id, status, id DESC)`);

    // One row per deadline; (order_id, kind, ref) makes scheduling a deadline idempotent.
    await queryRunner.query(`
      CREATE TABLE order_timers (
        id text PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (id),
        seller_id text NOT NULL,
        kind text NOT NULL,
        ref text NOT NULL DEFAULT '',
        due_at timestamptz NOT NULL,
        fired_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (order_id, kind, ref)
      )`);
    await queryRunner.query(`CREATE INDEX order_timers_due_idx ON order_timers (due_at) WHERE fired_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['order_timers', 'cancellation_requests', 'package_lines', 'packages']) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query(`DROP INDEX order_lines_seller_sku_idx`);
    await queryRunner.query(`
      ALTER TABLE order_lines DROP CONSTRAINT order_lines_quantities_check,
        DROP COLUMN cancelled_quantity, DROP COLUMN packed_quantity, DROP COLUMN shipped_quantity,
        DROP COLUMN shipping_fee_minor, DROP COLUMN seller_discount_minor,
        DROP COLUMN creator_id, DROP COLUMN content_id, DROP COLUMN ad_campaign_id`);
    for (const index of [
      'orders_seller_created_idx',
      'orders_seller_paid_idx',
      'orders_seller_ship_by_idx',
      'orders_seller_buyer_idx',
      'orders_seller_open_cancellation_idx',
    ]) {
      await queryRunner.query(`DROP INDEX ${index}`);
    }
    await queryRunner.query(`
      ALTER TABLE orders DROP COLUMN region, DROP COLUMN subtotal_minor, DROP COLUMN shipping_fee_minor,
        DROP COLUMN seller_discount_minor, DROP COLUMN recipient_name, DROP COLUMN recipient_phone,
        DROP COLUMN recipient_address, DROP COLUMN cancelled_by, DROP COLUMN paid_at, DROP COLUMN unpaid_expires_at,
        DROP COLUMN remorse_ends_at, DROP COLUMN ship_by_at, DROP COLUMN auto_cancel_at, DROP COLUMN delivered_at,
        DROP COLUMN completes_at, DROP COLUMN open_cancellation_id`);
  }
}
