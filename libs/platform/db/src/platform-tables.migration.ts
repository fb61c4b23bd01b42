import { QueryRunner } from 'typeorm';

/** Creates the outbox, inbox and idempotency-key tables; every service's first migration calls this. */
export async function createPlatformTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE TABLE outbox (
      seq bigserial PRIMARY KEY,
      event_id uuid NOT NULL UNIQUE,
      topic text NOT NULL,
      message_key text NOT NULL,
      event_type text NOT NULL,
      envelope jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      published_at timestamptz,
      attempts int NOT NULL DEFAULT 0
    )`);
  await queryRunner.query(`CREATE INDEX outbox_pending_idx ON outbox (seq) WHERE published_at IS NULL`);
  await queryRunner.query(`
    CREATE TABLE inbox (
      consumer text NOT NULL,
      event_id uuid NOT NULL,
      topic text NOT NULL,
      event_type text NOT NULL,
      processed_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (consumer, event_id)
    )`);
  await queryRunner.query(`
    CREATE TABLE idempotency_keys (
      scope text NOT NULL,
      operation text NOT NULL,
      idempotency_key text NOT NULL,
      request_hash text NOT NULL,
      result_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (scope, operation, idempotency_key)
    )`);
}

/** Reverts {@link createPlatformTables}. */
export async function dropPlatformTables(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TABLE idempotency_keys`);
  await queryRunner.query(`DROP TABLE inbox`);
  await queryRunner.query(`DROP TABLE outbox`);
}
