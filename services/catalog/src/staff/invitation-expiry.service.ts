import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommandRunner, DueWork, PolledDueJob, WriteTx, systemCause, writeTx } from '@sc/kit';
import { SERVICE_CONFIG, ServiceConfig } from '@sc/service';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffMemberStatus } from './staff-status';
import { nextStaffStatus } from './staff.state-machine';
import { staffInvitationExpired } from './staff.events';

const POLL_INTERVAL_MS = 1000;
/** Invitations expired per transaction. */
const BATCH_SIZE = 100;
/** The actor id the expiry's events carry. */
const EXPIRY_ACTOR = { type: 'SYSTEM' as const, id: 'timer:STAFF_INVITATION_EXPIRY' };

/**
 * Expires invitations not accepted within 120 h (INVITED → EXPIRED, `staff.invitation_expired`). Each is
 * claimed FOR UPDATE SKIP LOCKED and changes status in the transaction that emits its event, so it expires
 * exactly once however many pollers run. Registered as due work, so moving a test clock runs it; polls
 * while workers run. Acceptance does not wait for it: an invitation past its deadline is refused anyway
 * (`effectiveStaffStatus`).
 */
@Injectable()
export class InvitationExpiryService extends PolledDueJob {
  constructor(
    private readonly runner: CommandRunner,
    dueWork: DueWork,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
  ) {
    super(dueWork, {
      name: 'catalog.staff-invitation-expiry',
      intervalMs: POLL_INTERVAL_MS,
      runWorkers: config.runWorkers,
      failure: 'expiring staff invitations failed',
    });
  }

  /**
   * In the caller's transaction: expires the shop's overdue invitations of `email` (so that inviting the
   * address again does not collide with an invitation only the job has not marked yet).
   */
  async expireOverdueFor(tx: WriteTx, sellerId: string, email: string): Promise<number> {
    return this.expireClaimed(tx, await this.claimDue(tx.manager, tx.now, { sellerId, email }));
  }

  /** Expires every invitation due by the clock's now, a batch per transaction; resolves with how many. */
  protected async runOnce(): Promise<number> {
    let expired = 0;
    for (;;) {
      const batch = await this.runner.write(
        (now) => systemCause(randomUUID(), now),
        async (tx) => this.expireClaimed(tx, await this.claimDue(tx.manager, tx.now)),
      );
      expired += batch;
      if (batch < BATCH_SIZE) return expired;
    }
  }

  /** Pending invitations due by `now` (staff_members_invitation_expiry_idx), locked, skipping those another run holds. */
  private claimDue(manager: EntityManager, now: Date, only?: { sellerId: string; email: string }): Promise<StaffMemberEntity[]> {
    const qb = manager
      .getRepository(StaffMemberEntity)
      .createQueryBuilder('m')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where('m.status = :invited AND m.invitationExpiresAt <= :now', { invited: StaffMemberStatus.INVITED, now });
    if (only) qb.andWhere('m.sellerId = :sellerId AND m.email = :email', only);
    return qb.orderBy('m.invitationExpiresAt').limit(BATCH_SIZE).getMany();
  }

  private async expireClaimed(tx: WriteTx, members: StaffMemberEntity[]): Promise<number> {
    const expiry = writeTx(tx.manager, { ...tx.cause, actor: EXPIRY_ACTOR });
    for (const member of members) {
      const to = nextStaffStatus(member.status, 'expire', 'SYSTEM');
      Object.assign(member, { status: to, version: member.version + 1, updatedAt: tx.now });
      await tx.manager.update(StaffMemberEntity, { id: member.id }, { status: to, version: member.version, updatedAt: tx.now });
      await expiry.emit('catalog.staff.v1', [staffInvitationExpired(member, expiry.cause)]);
    }
    return members.length;
  }
}
