import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CommandRunner, DueWork, WriteTx, systemCause, writeTx } from '@sc/kit';
import { SERVICE_CONFIG, ServiceConfig } from '@sc/service';
import { logger } from '@sc/logging';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffMemberStatus } from './staff-status';
import { nextStaffStatus } from './staff.state-machine';
import { staffInvitationExpired } from './staff.events';

const log = logger('staff-expiry');

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
export class InvitationExpiryService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private handle: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly runner: CommandRunner,
    private readonly dueWork: DueWork,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  onModuleInit(): void {
    this.dueWork.register('catalog.staff-invitation-expiry', () => this.runDue());
  }

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    const poll = () => {
      if (this.running) return; // never queues behind a run; the next tick picks up what is left
      this.runDue().catch((error: unknown) => log.warn({ err: error }, 'expiring staff invitations failed; the next poll retries'));
    };
    this.handle = setInterval(poll, POLL_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.handle) clearInterval(this.handle);
    await this.running?.catch(() => undefined);
  }

  /** Expires every invitation due by the clock's now; resolves with how many. Waits for a run in progress (it may have read an older now), then runs. */
  async runDue(): Promise<number> {
    while (this.running) await this.running.catch(() => 0);
    const run = this.expireAll().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }

  /**
   * In the caller's transaction: expires the shop's overdue invitations of `email` (so that inviting the
   * address again does not collide with an invitation only the job has not marked yet).
   */
  async expireOverdueFor(tx: WriteTx, sellerId: string, email: string): Promise<number> {
    return this.expireClaimed(tx, await this.claimDue(tx.manager, tx.now, { sellerId, email }));
  }

  private async expireAll(): Promise<number> {
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
