import { ActorType } from '@sc/events';
import { Transition, TransitionTable } from '@sc/kit';
import { StaffMemberStatus as S } from './staff-status';

/** Something that can happen to a staff member; `invite` starts from no member at all. */
export type StaffAction = 'invite' | 'accept' | 'expire' | 'deactivate' | 'reactivate' | 'setRoles';

/** `NEW` stands for "no member yet" in the table. */
export type StaffFrom = S | 'NEW';

const STAFF: ActorType[] = ['SELLER_STAFF'];
const SYSTEM: ActorType[] = ['SYSTEM'];

/**
 * Every allowed change of a staff member and who makes it (domain.md §B.9: INVITED → ACTIVE → DEACTIVATED,
 * an invitation expires after 120 h); anything else is INVALID_TRANSITION. Which staff member may act is
 * the permission's business: invite, deactivate, reactivate and setRoles need STAFF:EDIT (owner only),
 * accept is the invitee's. `setRoles` keeps the status. Reactivating also needs the member to have accepted
 * once (a withdrawn invitation has no user to give access back to): `StaffMembersService` checks that.
 */
export const STAFF_TRANSITIONS: readonly (Transition<StaffFrom, StaffAction> & { to: S })[] = [
  { from: 'NEW', action: 'invite', to: S.INVITED, actors: STAFF },
  { from: S.INVITED, action: 'accept', to: S.ACTIVE, actors: STAFF },
  { from: S.INVITED, action: 'expire', to: S.EXPIRED, actors: SYSTEM },
  { from: S.INVITED, action: 'deactivate', to: S.DEACTIVATED, actors: STAFF },
  { from: S.ACTIVE, action: 'deactivate', to: S.DEACTIVATED, actors: STAFF },
  { from: S.DEACTIVATED, action: 'reactivate', to: S.ACTIVE, actors: STAFF },
  ...[S.INVITED, S.ACTIVE, S.DEACTIVATED].map((from) => ({ from, action: 'setRoles' as const, to: from, actors: STAFF })),
];

/** The staff member's transition table, looked up by (from, action). */
export const STAFF_TABLE = new TransitionTable<StaffFrom, StaffAction>('StaffMember', STAFF_TRANSITIONS);

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor. */
export const nextStaffStatus = (from: StaffFrom, action: StaffAction, actor: ActorType): S => STAFF_TABLE.next(from, action, actor) as S;

/** True when the table allows `action` from `from` for this actor. */
export const canTransitionStaff = (from: StaffFrom, action: StaffAction, actor: ActorType): boolean => STAFF_TABLE.can(from, action, actor);

/**
 * The status a member is in at `now`: an invitation past its deadline counts as EXPIRED even before the
 * expiry job has marked it, so it can no longer be accepted.
 */
export function effectiveStaffStatus(member: { status: S; invitationExpiresAt: Date }, now: Date): S {
  return member.status === S.INVITED && member.invitationExpiresAt.getTime() <= now.getTime() ? S.EXPIRED : member.status;
}
