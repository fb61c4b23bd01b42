import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shop's audit log (issue #14): one row per action a staff member ran in any service (`action.recorded` on
 * `<service>.audit.v1`) and per invitation that expired (`staff.invitation_expired`, a SYSTEM action), projected
 * by `AuditEventHandlers`. Rows are never updated: a redelivered event finds its `event_id` taken.
 */
export class AuditLog1764700000000 implements MigrationInterface {
  name = 'AuditLog1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign key to shops: recording what happened never fails on the order events arrive in.
    await queryRunner.query(`
      CREATE TABLE audit_log (
        id text PRIMARY KEY,
        seq bigint GENERATED ALWAYS AS IDENTITY,
        event_id uuid NOT NULL,
        seller_id text NOT NULL,
        at timestamptz NOT NULL,
        service text NOT NULL,
        operation text NOT NULL,
        outcome text NOT NULL,
        actor_type text NOT NULL,
        user_id text,
        targets jsonb NOT NULL,
        permission text,
        correlation_id text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT audit_log_event_uq UNIQUE (event_id),
        CONSTRAINT audit_log_outcome_known CHECK (outcome IN ('SUCCEEDED', 'DENIED')),
        CONSTRAINT audit_log_actor_known CHECK (actor_type IN ('SELLER_STAFF', 'SYSTEM')),
        CONSTRAINT audit_log_staff_has_user CHECK (actor_type <> 'SELLER_STAFF' OR user_id IS NOT NULL),
        CONSTRAINT audit_log_denied_names_permission CHECK ((outcome = 'DENIED') = (permission IS NOT NULL)),
        CONSTRAINT audit_log_targets_array CHECK (jsonb_typeof(targets) = 'array')
      )`);
    // Shop.auditLog, newest first: keyset on (at, seq), `seq` (arrival order) breaking ties between actions of the
    // same instant, which keep the order their service emitted them in. Filters on operation, outcome and time read it too.
    await queryRunner.query(`CREATE INDEX audit_log_seller_at_idx ON audit_log (seller_id, at DESC, seq DESC)`);
    // Shop.auditLog(filter: { userId }): one member's actions, newest first.
    await queryRunner.query(`CREATE INDEX audit_log_seller_user_at_idx ON audit_log (seller_id, user_id, at DESC, seq DESC) WHERE user_id IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
  }
}
