import { MigrationInterface, QueryRunner } from 'typeorm';

/** Buyer inquiries (conversations, messages, holiday periods) and the home dashboard's projections and rollups. */
export class InquiriesAndDashboard1764330000000 implements MigrationInterface {
  name = 'InquiriesAndDashboard1764330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE conversations (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        buyer_id text NOT NULL,
        order_id text,
        initiated_by text NOT NULL CHECK (initiated_by IN ('BUYER', 'SELLER_STAFF')),
        status text NOT NULL,
        seller_unread_count int NOT NULL DEFAULT 0 CHECK (seller_unread_count >= 0),
        awaiting_reply_since timestamptz,
        last_message_at timestamptz NOT NULL,
        resolved_at timestamptz,
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX conversations_seller_idx ON conversations (seller_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX conversations_seller_unread_idx ON conversations (seller_id, id DESC) WHERE seller_unread_count > 0`);
    await queryRunner.query(
      `CREATE INDEX conversations_seller_awaiting_idx ON conversations (seller_id, awaiting_reply_since) WHERE awaiting_reply_since IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX conversations_seller_created_idx ON conversations (seller_id, created_at)`);
    await queryRunner.query(`CREATE INDEX conversations_buyer_idx ON conversations (buyer_id, id DESC)`);
    await queryRunner.query(`
      CREATE TABLE messages (
        id text PRIMARY KEY,
        conversation_id text NOT NULL REFERENCES conversations (id),
        seller_id text NOT NULL,
        sender text NOT NULL CHECK (sender IN ('BUYER', 'SELLER_STAFF')),
        is_auto_reply boolean NOT NULL DEFAULT false,
        during_holiday boolean NOT NULL DEFAULT false,
        body text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX messages_conversation_idx ON messages (conversation_id, id)`);
    await queryRunner.query(`
      CREATE TABLE holiday_periods (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        CHECK (ended_at IS NULL OR ended_at >= started_at)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX holiday_periods_open_idx ON holiday_periods (seller_id) WHERE ended_at IS NULL`);
    await queryRunner.query(`CREATE INDEX holiday_periods_seller_idx ON holiday_periods (seller_id, started_at DESC)`);

    // Dashboard: shop settings projected from catalog's shop.registered.
    await queryRunner.query(`
      CREATE TABLE dashboard_shops (
        seller_id text PRIMARY KEY,
        currency_code char(3) NOT NULL,
        time_zone text NOT NULL
      )`);
    // Source facts of paid orders (one row per order), from order.paid / order.cancelled; the rollups are derived from them.
    await queryRunner.query(`
      CREATE TABLE dashboard_order_facts (
        order_id text PRIMARY KEY,
        seller_id text NOT NULL,
        buyer_id text,
        paid_at timestamptz,
        total_minor bigint,
        currency_code char(3),
        cancelled_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX dashboard_order_facts_seller_idx ON dashboard_order_facts (seller_id, paid_at)`);
    await queryRunner.query(`
      CREATE TABLE dashboard_daily_sales (
        seller_id text NOT NULL,
        day date NOT NULL,
        gmv_minor bigint NOT NULL DEFAULT 0,
        net_minor bigint NOT NULL DEFAULT 0,
        paid_orders int NOT NULL DEFAULT 0,
        PRIMARY KEY (seller_id, day)
      )`);
    await queryRunner.query(`
      CREATE TABLE dashboard_daily_buyers (
        seller_id text NOT NULL,
        day date NOT NULL,
        buyer_id text NOT NULL,
        PRIMARY KEY (seller_id, day, buyer_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE dashboard_product_sellers (
        product_id text PRIMARY KEY,
        seller_id text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE dashboard_daily_visitors (
        seller_id text NOT NULL,
        day date NOT NULL,
        visitor_id text NOT NULL,
        PRIMARY KEY (seller_id, day, visitor_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE dashboard_daily_visitor_counts (
        seller_id text NOT NULL,
        day date NOT NULL,
        visitors int NOT NULL,
        PRIMARY KEY (seller_id, day)
      )`);
    // Page views whose product is not known yet (storefront and catalog topics are not ordered with each other).
    await queryRunner.query(`
      CREATE TABLE dashboard_pending_page_views (
        event_id uuid PRIMARY KEY,
        product_id text NOT NULL,
        visitor_id text NOT NULL,
        viewed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX dashboard_pending_page_views_product_idx ON dashboard_pending_page_views (product_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'dashboard_pending_page_views',
      'dashboard_daily_visitor_counts',
      'dashboard_daily_visitors',
      'dashboard_product_sellers',
      'dashboard_daily_buyers',
      'dashboard_daily_sales',
      'dashboard_order_facts',
      'dashboard_shops',
      'holiday_periods',
      'messages',
      'conversations',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
