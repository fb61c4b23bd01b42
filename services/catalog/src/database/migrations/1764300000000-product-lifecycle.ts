import { MigrationInterface, QueryRunner } from 'typeorm';

// The bucket predicates here must stay textually identical to BUCKET_PREDICATES in
// product/product-bucket.ts: PostgreSQL only picks a partial index when the query's WHERE implies it.
const BUCKET_INDEXES: Array<[string, string]> = [
  ['products_bucket_active_idx', `status = 'ACTIVATE'`],
  ['products_bucket_in_review_idx', `(status = 'PENDING' OR has_pending_revision)`],
  ['products_bucket_suspended_idx', `status IN ('FAILED', 'PLATFORM_DEACTIVATED', 'FREEZE')`],
  ['products_bucket_inactive_idx', `status = 'SELLER_DEACTIVATED'`],
  ['products_bucket_drafts_idx', `status = 'DRAFT'`],
  ['products_bucket_deleted_idx', `status = 'DELETED'`],
];

/**
 * Product lifecycle: listing content (category, images, attributes), review outcome, pending revisions
 * of live products, list prices, and one partial index per seller-center bucket so every bucket lists
 * newest-first straight from an index however large the shop.
 */
export class ProductLifecycle1764300000000 implements MigrationInterface {
  name = 'ProductLifecycle1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE products
        ADD COLUMN category_id text,
        ADD COLUMN images jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN attributes jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN failed_reasons jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN status_reason text,
        ADD COLUMN has_pending_revision boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE skus ADD COLUMN list_price_minor bigint`);
    await queryRunner.query(
      `ALTER TABLE skus ADD CONSTRAINT skus_list_price_not_below_price CHECK (list_price_minor IS NULL OR list_price_minor >= price_minor)`,
    );
    await queryRunner.query(`
      CREATE TABLE product_revisions (
        id text PRIMARY KEY,
        seller_id text NOT NULL,
        product_id text NOT NULL REFERENCES products (id),
        revision_no int NOT NULL,
        changed_fields jsonb NOT NULL,
        content jsonb NOT NULL,
        review_status text NOT NULL,
        failed_reasons jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        reviewed_at timestamptz,
        UNIQUE (product_id, revision_no)
      )`);
    // At most one revision in review per product.
    await queryRunner.query(`CREATE UNIQUE INDEX product_revisions_one_pending_uq ON product_revisions (product_id) WHERE review_status = 'PENDING'`);
    for (const [name, predicate] of BUCKET_INDEXES) {
      await queryRunner.query(`CREATE INDEX ${name} ON products (seller_id, id DESC) WHERE ${predicate}`);
    }
    await queryRunner.query(`CREATE INDEX products_seller_created_idx ON products (seller_id, created_at)`);
    // Keyword search: trigram index where the server ships pg_trgm (PostgreSQL contrib, present in
    // postgres:15 and Debian's postgresql-15); the query falls back to a prefix match otherwise.
    const [{ available }] = await queryRunner.query(`SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') AS available`);
    if (available) {
      await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
      await queryRunner.query(`CREATE INDEX products_title_trgm_idx ON products USING gin (lower(title) gin_trgm_ops)`);
    } else {
      await queryRunner.query(`CREATE INDEX products_title_prefix_idx ON products (seller_id, lower(title) text_pattern_ops)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS products_title_trgm_idx`);
    await queryRunner.query(`DROP INDEX IF EXISTS products_title_prefix_idx`);
    await queryRunner.query(`DROP INDEX products_seller_created_idx`);
    for (const [name] of BUCKET_INDEXES) await queryRunner.query(`DROP INDEX ${name}`);
    await queryRunner.query(`DROP TABLE product_revisions`);
    await queryRunner.query(`ALTER TABLE skus DROP CONSTRAINT skus_list_price_not_below_price, DROP COLUMN list_price_minor`);
    await queryRunner.query(`
      ALTER TABLE products
        DROP COLUMN category_id, DROP COLUMN images, DROP COLUMN attributes, DROP COLUMN failed_reasons,
        DROP COLUMN status_reason, DROP COLUMN has_pending_revision`);
  }
}
