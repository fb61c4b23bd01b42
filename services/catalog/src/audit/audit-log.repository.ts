import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTarget } from '@sc/events';
import { newId } from '@sc/db';
import { AuditActorType, AuditOutcome } from './audit-log.model';

/** One action to record, from the event that reported it. */
export interface AuditRecord {
  eventId: string;
  sellerId: string;
  at: Date;
  service: string;
  operation: string;
  outcome: AuditOutcome;
  actorType: AuditActorType;
  userId: string | null;
  targets: AuditTarget[];
  permission: string | null;
  correlationId: string;
}

/** A row of `audit_log` as the owner's list reads it. */
export interface AuditLogRow {
  id: string;
  seller_id: string;
  at: Date;
  service: string;
  operation: string;
  outcome: AuditOutcome;
  actor_type: AuditActorType;
  user_id: string | null;
  targets: AuditTarget[];
  permission: string | null;
  correlation_id: string;
}

/** What the owner's list is narrowed to. */
export interface AuditLogCriteria {
  userId: string | null;
  operation: string | null;
  outcome: AuditOutcome | null;
  from: Date | null;
  to: Date | null;
}

/** The staff member a user is in a shop. */
export interface AuditMemberRow {
  id: string;
  email: string;
  userId: string;
}

const COLUMNS = 'a.id, a.seller_id, a.at, a.service, a.operation, a.outcome, a.actor_type, a.user_id, a.targets, a.permission, a.correlation_id';

/** The `audit_log` table: written once per event, read by the owner newest first. */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records an action once: a redelivered event (same id) changes nothing. */
  async record(manager: EntityManager, r: AuditRecord): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (id, event_id, seller_id, at, service, operation, outcome, actor_type, user_id, targets, permission, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12)
       ON CONFLICT (event_id) DO NOTHING`,
      [
        newId('aud'),
        r.eventId,
        r.sellerId,
        r.at,
        r.service,
        r.operation,
        r.outcome,
        r.actorType,
        r.userId,
        JSON.stringify(r.targets),
        r.permission,
        r.correlationId,
      ],
    );
  }

  /**
   * One page of a shop's log, newest first (`at`, then arrival order for the same instant), `limit + 1` rows, in one
   * statement. `afterId` is the last entry of the previous page: the page continues strictly after its (at, seq),
   * so entries recorded meanwhile neither repeat nor shift it. An unknown cursor (or another shop's) gives an empty page.
   */
  async page(sellerId: string, criteria: AuditLogCriteria, limit: number, afterId: string | null): Promise<AuditLogRow[]> {
    const params: unknown[] = [sellerId];
    const where = ['a.seller_id = $1'];
    const add = (condition: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (criteria.userId !== null) add((p) => `a.user_id = ${p}`, criteria.userId);
    if (criteria.operation !== null) add((p) => `a.operation = ${p}`, criteria.operation);
    if (criteria.outcome !== null) add((p) => `a.outcome = ${p}`, criteria.outcome);
    if (criteria.from !== null) add((p) => `a.at >= ${p}`, criteria.from);
    if (criteria.to !== null) add((p) => `a.at < ${p}`, criteria.to);
    if (afterId !== null) add((p) => `(a.at, a.seq) < (SELECT c.at, c.seq FROM audit_log c WHERE c.id = ${p} AND c.seller_id = $1)`, afterId);
    params.push(limit + 1);
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM audit_log a WHERE ${where.join(' AND ')} ORDER BY a.at DESC, a.seq DESC LIMIT $${params.length}`,
      params,
    );
  }

  /** The shop's members held by these users (one statement for a page's actors). */
  async membersOfUsers(sellerId: string, userIds: readonly string[]): Promise<AuditMemberRow[]> {
    return this.dataSource.query(`SELECT id, email, user_id AS "userId" FROM staff_members WHERE seller_id = $1 AND user_id = ANY($2)`, [sellerId, userIds]);
  }
}
