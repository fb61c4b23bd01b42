import { MigrationInterface, QueryRunner } from 'typeorm';
import { createPlatformTables, dropPlatformTables } from '@sc/db';

export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createPlatformTables(queryRunner);
    // Creators' read model of catalog products, fed by catalog.product.v1; source_version lets later
    // lifecycle events apply only when newer than what is stored (Kafka may redeliver or reorder).
    await queryRunner.query(`
      CREATE TABLE catalog_products (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        title text NOT NULL,
        source_version int NOT NULL,
        source_event_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX catalog_products_seller_idx ON catalog_products (seller_id, id DESC)`);
    // The creator directory is platform-wide reference data: no seller_id on purpose.
    await queryRunner.query(`
      CREATE TABLE creators (
        id text PRIMARY KEY,
        handle text NOT NULL CHECK (handle ~ '^[a-z0-9._]{2,30}$'),
        display_name text NOT NULL,
        follower_count int NOT NULL CHECK (follower_count >= 0),
        categories text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // text_pattern_ops makes the one index serve both uniqueness and `handle LIKE 'prefix%'` under any collation.
    await queryRunner.query(`CREATE UNIQUE INDEX creators_handle_uq ON creators (handle text_pattern_ops)`);
    await queryRunner.query(`
      CREATE TABLE collaborations (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        creator_id text NOT NULL REFERENCES creators (id),
        product_id text NOT NULL,
        commission_rate_bps int NOT NULL CHECK (commission_rate_bps BETWEEN 100 AND 8000),
        status text NOT NULL CHECK (status IN ('ACTIVE', 'ENDED')),
        version int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX collaborations_seller_idx ON collaborations (seller_id, id DESC)`);
    await queryRunner.query(`CREATE INDEX collaborations_seller_product_idx ON collaborations (seller_id, product_id, id DESC)`);
    await queryRunner.query(`CREATE UNIQUE INDEX collaborations_one_active_uq ON collaborations (seller_id, creator_id, product_id) WHERE status = 'ACTIVE'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['collaborations', 'creators', 'catalog_products']) await queryRunner.query(`DROP TABLE ${table}`);
    await dropPlatformTables(queryRunner);
  }
}
