import { Injectable } from '@nestjs/common';
import { currentContext, currentSellerId, staffSellerId } from '@sc/auth';
import { firstVersionAt, isUniqueViolation, newId } from '@sc/db';
import { AppError, FieldProblem, NotFoundError, ValidationFailedError, assertValid } from '@sc/graphql';
import { CommandRunner, WriteTx } from '@sc/kit';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffMemberStatus as S } from './staff-status';
import { effectiveStaffStatus, nextStaffStatus } from './staff.state-machine';
import { StaffRepository } from './staff.repository';
import { AcceptStaffInvitationInput, InviteStaffInput, SetStaffRolesInput, StaffMemberCommandInput } from './staff.inputs';
import { normaliseEmail, validateAcceptInvitation, validateInviteStaff, validateMemberCommand, validateSetStaffRoles } from './staff.validation';
import { hashInvitationCode, invitationCodeMatches, newInvitationCode } from './invitation-code';
import { staffActivated, staffDeactivated, staffInvited, staffReactivated, staffRolesChanged } from './staff.events';
import { permissionsOfRoles } from './staff-roles.catalogue';
import { InvitationExpiryService } from './invitation-expiry.service';

/** How long an invitation may wait for its acceptance (domain.md §B.9). */
export const INVITATION_VALIDITY_MS = 120 * 60 * 60 * 1000;

/** An invitation as inviteStaff answers it: the member, and the code unless this was a replay. */
export interface Invitation {
  member: StaffMemberEntity;
  invitationCode: string | null;
}

/**
 * A shop's staff members: the owner invites, deactivates, reactivates and sets roles (STAFF:EDIT, which only
 * the owner has); the invitee accepts with the code. Every change goes through the transition table,
 * bumps the member's version and records its event on catalog.staff.v1 in the same transaction.
 */
@Injectable()
export class StaffMembersService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly staff: StaffRepository,
    private readonly expiry: InvitationExpiryService,
  ) {}

  async invite(input: InviteStaffInput): Promise<Invitation> {
    const sellerId = staffSellerId('STAFF:EDIT');
    assertValid(validateInviteStaff(input));
    const email = normaliseEmail(input.email);
    // Made before the command: only a run that really creates the member stores its hash and shows it.
    const code = newInvitationCode();
    let created = false;
    const memberId = await this.mapEmailTaken(() =>
      this.runner.run({ operation: 'inviteStaff', actor: 'SELLER_STAFF', permission: 'STAFF:EDIT', input, scope: sellerId }, async (tx) => {
        const { manager, now } = tx;
        const shop: unknown[] = await manager.query('SELECT 1 FROM shops WHERE id = $1', [sellerId]);
        if (shop.length === 0) throw new NotFoundError('Shop', sellerId);
        await this.assertRolesKnown(tx, sellerId, input.roles);
        await this.expiry.expireOverdueFor(tx, sellerId, email);
        const member = manager.create(StaffMemberEntity, {
          id: newId('stf'),
          sellerId,
          email,
          userId: null,
          status: nextStaffStatus('NEW', 'invite', tx.cause.actor.type),
          invitedAt: now,
          invitationExpiresAt: new Date(now.getTime() + INVITATION_VALIDITY_MS),
          activatedAt: null,
          deactivatedAt: null,
          invitationCodeHash: hashInvitationCode(code),
          ...firstVersionAt(now),
        });
        await manager.insert(StaffMemberEntity, member);
        await this.staff.replaceRoles(manager, member.id, input.roles);
        await tx.emit('catalog.staff.v1', [staffInvited(member, [...input.roles].sort(), tx.cause)]);
        created = true;
        return member.id;
      }),
    );
    return { member: await this.staff.findMember(memberId, sellerId), invitationCode: created ? code : null };
  }

  /** Withdraws a pending invitation or switches an active member off; the gateway refuses their next request. */
  async deactivate(input: StaffMemberCommandInput): Promise<StaffMemberEntity> {
    return this.change('deactivateStaff', input, validateMemberCommand(input), async (tx, member, from) => {
      const to = nextStaffStatus(from, 'deactivate', tx.cause.actor.type);
      await this.save(tx, member, { status: to, deactivatedAt: tx.now });
      await tx.emit('catalog.staff.v1', [staffDeactivated(member, from as S.INVITED | S.ACTIVE, tx.cause)]);
    });
  }

  /** Gives a deactivated member (who had accepted) their access back, with the roles they hold now. */
  async reactivate(input: StaffMemberCommandInput): Promise<StaffMemberEntity> {
    return this.change('reactivateStaff', input, validateMemberCommand(input), async (tx, member, from) => {
      const to = nextStaffStatus(from, 'reactivate', tx.cause.actor.type);
      if (member.userId === null) {
        // A withdrawn invitation: nobody ever held the account. Invite the address again instead.
        throw new AppError('INVALID_TRANSITION', 'This member never accepted the invitation; invite them again', {
          entity: 'StaffMember',
          from,
          action: 'reactivate',
          reason: 'NEVER_ACCEPTED',
        });
      }
      const roles = await this.staff.roleRefsOf(tx.manager, member.id);
      const permissions = await this.staff.permissionsOf(tx.manager, member.sellerId, roles);
      await this.save(tx, member, { status: to, deactivatedAt: null });
      await tx.emit('catalog.staff.v1', [staffReactivated(member, roles, permissions, tx.cause)]);
    });
  }

  /** Replaces a member's roles (INVITED, ACTIVE or DEACTIVATED); a change for an active member applies within seconds. */
  async setRoles(input: SetStaffRolesInput): Promise<StaffMemberEntity> {
    return this.change('setStaffRoles', input, validateSetStaffRoles(input), async (tx, member, from) => {
      nextStaffStatus(from, 'setRoles', tx.cause.actor.type);
      const roles = [...input.roles].sort();
      const custom = await this.assertRolesKnown(tx, member.sellerId, roles);
      const previous = await this.staff.roleRefsOf(tx.manager, member.id);
      if (previous.join(',') === roles.join(',')) return; // the same roles: nothing changes, no event
      await this.staff.replaceRoles(tx.manager, member.id, roles);
      await this.save(tx, member, {});
      await tx.emit('catalog.staff.v1', [staffRolesChanged(member, previous, roles, permissionsOfRoles(roles, custom), tx.cause)]);
    });
  }

  /**
   * The invitee takes the account: an identity acting for the invitation's shop (the login service issues a
   * shop-scoped token to whoever follows the invitation link) proves it with the code, and becomes an ACTIVE
   * member with the invitation's roles. Refused: another shop's or unknown member (NOT_FOUND), a wrong code
   * (FORBIDDEN), an invitation expired (even if the expiry job has not marked it yet), already accepted or
   * deactivated (INVALID_TRANSITION), a caller who is the owner or already a member (CONFLICT).
   */
  async accept(input: AcceptStaffInvitationInput): Promise<StaffMemberEntity> {
    const sellerId = currentSellerId();
    const { userId } = currentContext().identity;
    assertValid(validateAcceptInvitation(input));
    // ONBOARDING: the invitee has no access yet; the code below is the check (the key is the invitee's own).
    const memberId = await this.runner.run(
      { operation: 'acceptStaffInvitation', actor: 'SELLER_STAFF', permission: 'ONBOARDING', input, scope: userId },
      async (tx) => {
        const { manager, now } = tx;
        const member = await this.staff.lockMemberWithCode(manager, input.memberId, sellerId);
        if (!member) throw new NotFoundError('StaffMember', input.memberId);
        // The code first: without it, nothing about the invitation (not even its status) is revealed.
        if (!invitationCodeMatches(input.invitationCode, member.invitationCodeHash)) {
          throw new AppError('FORBIDDEN', 'The invitation code does not match', { reason: 'INVITATION_CODE_MISMATCH' });
        }
        const to = nextStaffStatus(effectiveStaffStatus(member, now), 'accept', tx.cause.actor.type);
        const taken: Array<{ owner: boolean }> = await manager.query(
          `SELECT true AS owner FROM shops WHERE id = $1 AND owner_user_id = $2
         UNION ALL SELECT false FROM staff_members WHERE seller_id = $1 AND user_id = $2`,
          [sellerId, userId],
        );
        if (taken.length > 0) {
          throw new AppError('CONFLICT', taken[0].owner ? 'The shop owner cannot become its staff member' : 'This user is already a member of the shop', {
            reason: taken[0].owner ? 'IS_OWNER' : 'ALREADY_A_MEMBER',
          });
        }
        const roles = await this.staff.roleRefsOf(manager, member.id);
        const permissions = await this.staff.permissionsOf(manager, sellerId, roles);
        await this.save(tx, member, { status: to, userId, activatedAt: now });
        await tx.emit('catalog.staff.v1', [staffActivated(member, roles, permissions, tx.cause)]);
        return member.id;
      },
    );
    return this.staff.findMember(memberId, sellerId);
  }

  /**
   * An owner's command on one member: checks STAFF:EDIT and the input, then, once per key, locks the
   * shop's member (NOT_FOUND for another shop's) and applies `apply` from its effective status.
   */
  private async change(
    operation: string,
    input: StaffMemberCommandInput,
    problems: FieldProblem[],
    apply: (tx: WriteTx, member: StaffMemberEntity, from: S) => Promise<void>,
  ): Promise<StaffMemberEntity> {
    const sellerId = staffSellerId('STAFF:EDIT');
    assertValid(problems);
    const memberId = await this.runner.run({ operation, actor: 'SELLER_STAFF', permission: 'STAFF:EDIT', input, scope: sellerId }, async (tx) => {
      const member = await this.staff.lockMember(tx.manager, input.memberId, sellerId);
      await apply(tx, member, effectiveStaffStatus(member, tx.now));
      return member.id;
    });
    return this.staff.findMember(memberId, sellerId);
  }

  /** Writes `patch` with the next version (also set on `member`, for the event). */
  private async save(tx: WriteTx, member: StaffMemberEntity, patch: Partial<Pick<StaffMemberEntity, 'status' | 'userId' | 'activatedAt' | 'deactivatedAt'>>) {
    Object.assign(member, patch, { version: member.version + 1, updatedAt: tx.now });
    await tx.manager.update(StaffMemberEntity, { id: member.id }, { ...patch, version: member.version, updatedAt: tx.now });
  }

  /** VALIDATION_FAILED naming each custom role the shop does not have; the custom roles' permissions otherwise (share-locked). */
  private async assertRolesKnown(tx: WriteTx, sellerId: string, roles: readonly string[]): Promise<Map<string, string[]>> {
    const custom = await this.staff.shareCustomRoles(tx.manager, sellerId, roles);
    const problems = roles.flatMap((ref, i) =>
      ref.startsWith('rol_') && !custom.has(ref) ? [{ field: `roles[${i}]`, message: 'is not a role of this shop' }] : [],
    );
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return custom;
  }

  /** CONFLICT for an address the shop already has a member for (also when a concurrent invitation won the unique index). */
  private async mapEmailTaken<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (isUniqueViolation(error, 'staff_members_email_uq')) {
        throw new AppError('CONFLICT', 'The shop already has a staff member with this email address', { field: 'email' });
      }
      throw error;
    }
  }
}
