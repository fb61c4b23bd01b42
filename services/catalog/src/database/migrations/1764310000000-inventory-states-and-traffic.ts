import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inventory states (committed, damaged, quality control, safety stock) with `available` never negative,
 * a richer stock-movement ledger, per-SKU out-of-stock status and the storefront traffic rollups.
 */
export class InventoryStatesAndTraffic1764310000000 implements MigrationInterface {
  name = 'InventoryStatesAndTraffic1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE inventory_levels
        ADD COLUMN committed int NOT NULL DEFAULT 0,
        ADD COLUMN damaged int NOT NULL DEFAULT 0,
        ADD COLUMN quality_control int NOT NULL DEFAULT 0,
        ADD COLUMN safety_stock int NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE inventory_levels DROP CONSTRAINT inventory_levels_never_negative`);
    // Every bucket is non-negative and together they never exceed on hand: available >= 0 always.
    await queryRunner.query(`
      ALTER TABLE inventory_levels ADD CONSTRAINT inventory_levels_never_negative CHECK (
        on_hand >= 0 AND reserved >= 0 AND committed >= 0 AND damaged >= 0 AND quality_control >= 0 AND safety_stock >= 0
        AND on_hand - reserved - committed - damaged - quality_control - safety_stock >= 0)`);

    // Ledger: order_id links every order-driven movement so cancellation can find what is still held;
    // the bucket deltas make "what does this order hold" a sum over the ledger.
    await queryRunner.query(`
      ALTER TABLE stock_movements
        ADD COLUMN order_id text,
        ADD COLUMN on_hand_delta int NOT NULL DEFAULT 0,
        ADD COLUMN reserved_delta int NOT NULL DEFAULT 0,
        ADD COLUMN committed_delta int NOT NULL DEFAULT 0,
        ADD COLUMN state_from text,
        ADD COLUMN state_to text,
        ADD COLUMN reason text`);
    await queryRunner.query(`
      UPDATE stock_movements SET order_id = source_id, reserved_delta = -quantity
       WHERE source_type = 'ORDER' AND movement_type = 'RESERVATION'`);
    await queryRunner.query(`UPDATE stock_movements SET on_hand_delta = quantity WHERE movement_type = 'RECEIPT'`);
    await queryRunner.query(`CREATE INDEX stock_movements_order_idx ON stock_movements (order_id, sku_id) WHERE order_id IS NOT NULL`);

    await queryRunner.query(`
      CREATE TABLE sku_stock_status (
        sku_id text PRIMARY KEY REFERENCES skus (id),
        seller_id text NOT NULL,
        product_id text NOT NULL,
        out_of_stock_threshold int NOT NULL DEFAULT 0 CHECK (out_of_stock_threshold >= 0),
        out_of_stock boolean NOT NULL DEFAULT false,
        available int NOT NULL DEFAULT 0,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX sku_stock_status_oos_idx ON sku_stock_status (seller_id, sku_id DESC) WHERE out_of_stock`);
    await queryRunner.query(`
      INSERT INTO sku_stock_status (sku_id, seller_id, product_id, out_of_stock, available)
      SELECT s.id, s.seller_id, s.product_id, COALESCE(a.available, 0) <= 0, COALESCE(a.available, 0)
        FROM skus s
        LEFT JOIN (SELECT sku_id, sum(on_hand - reserved)::int AS available FROM inventory_levels GROUP BY sku_id) a ON a.sku_id = s.id`);

    // The order lines a reservation covered, so a whole-order release can report per line.
    await queryRunner.query(`
      CREATE TABLE reserved_order_lines (
        order_line_id text PRIMARY KEY, order_id text NOT NULL, seller_id text NOT NULL, sku_id text NOT NULL, quantity int NOT NULL)`);
    await queryRunner.query(`CREATE INDEX reserved_order_lines_order_idx ON reserved_order_lines (order_id)`);
    await queryRunner.query(`CREATE TABLE closed_orders (order_id text PRIMARY KEY, seller_id text NOT NULL, closed_at timestamptz NOT NULL DEFAULT now())`);

    await queryRunner.query(`
      CREATE TABLE shop_daily_visitors (
        seller_id text NOT NULL, day date NOT NULL, visitor_id text NOT NULL,
        PRIMARY KEY (seller_id, day, visitor_id))`);
    await queryRunner.query(`
      CREATE TABLE product_daily_visitors (
        product_id text NOT NULL, day date NOT NULL, visitor_id text NOT NULL,
        PRIMARY KEY (product_id, day, visitor_id))`);
    await queryRunner.query(`
      CREATE TABLE shop_traffic_daily (
        seller_id text NOT NULL, day date NOT NULL,
        visitors int NOT NULL DEFAULT 0, page_views int NOT NULL DEFAULT 0,
        PRIMARY KEY (seller_id, day))`);
    await queryRunner.query(`
      CREATE TABLE product_traffic_daily (
        product_id text NOT NULL, day date NOT NULL, seller_id text NOT NULL,
        visitors int NOT NULL DEFAULT 0, page_views int NOT NULL DEFAULT 0,
        PRIMARY KEY (product_id, day))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'product_traffic_daily',
      'shop_traffic_daily',
      'product_daily_visitors',
      'shop_daily_visitors',
      'closed_orders',
      'reserved_order_lines',
      'sku_stock_status',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP INDEX stock_movements_order_idx`);
    await queryRunner.query(`
      ALTER TABLE stock_movements DROP COLUMN order_id, DROP COLUMN on_hand_delta, DROP COLUMN reserved_delta,
        DROP COLUMN committed_delta, DROP COLUMN state_from, DROP COLUMN state_to, DROP COLUMN reason`);
    await queryRunner.query(`ALTER TABLE inventory_levels DROP CONSTRAINT inventory_levels_never_negative`);
    await queryRunner.query(`ALTER TABLE inventory_levels DROP COLUMN committed, DROP COLUMN damaged, DROP COLUMN quality_control, DROP COLUMN safety_stock`);
    await queryRunner.query(`
      ALTER TABLE inventory_levels ADD CONSTRAINT inventory_levels_never_negative CHECK (on_hand >= 0 AND reserved >= 0 AND reserved <= on_hand)`);
  }
}
