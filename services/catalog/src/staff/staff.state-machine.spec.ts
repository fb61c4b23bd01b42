import { ActorType } from '@sc/events';
import { StaffMemberStatus as S } from './staff-status';
import { STAFF_TRANSITIONS, StaffAction, StaffFrom, canTransitionStaff, effectiveStaffStatus, nextStaffStatus } from './staff.state-machine';

const ALLOWED: Array<[StaffFrom, StaffAction, ActorType, S]> = [
  ['NEW', 'invite', 'SELLER_STAFF', S.INVITED],
  [S.INVITED, 'accept', 'SELLER_STAFF', S.ACTIVE],
  [S.INVITED, 'expire', 'SYSTEM', S.EXPIRED],
  [S.INVITED, 'deactivate', 'SELLER_STAFF', S.DEACTIVATED],
  [S.ACTIVE, 'deactivate', 'SELLER_STAFF', S.DEACTIVATED],
  [S.DEACTIVATED, 'reactivate', 'SELLER_STAFF', S.ACTIVE],
  [S.INVITED, 'setRoles', 'SELLER_STAFF', S.INVITED],
  [S.ACTIVE, 'setRoles', 'SELLER_STAFF', S.ACTIVE],
  [S.DEACTIVATED, 'setRoles', 'SELLER_STAFF', S.DEACTIVATED],
];

const FROMS: StaffFrom[] = ['NEW', ...Object.values(S)];
const ACTIONS: StaffAction[] = ['invite', 'accept', 'expire', 'deactivate', 'reactivate', 'setRoles'];
const ACTORS: ActorType[] = ['SELLER_STAFF', 'PLATFORM', 'SYSTEM', 'BUYER', 'CARRIER', 'CREATOR'];

describe('staff member state machine', () => {
  it.each(ALLOWED)('%s --%s by %s--> %s', (from, action, actor, to) => {
    expect(nextStaffStatus(from, action, actor)).toBe(to);
    expect(canTransitionStaff(from, action, actor)).toBe(true);
  });

  it('allows exactly the transitions listed above and nothing else', () => {
    expect(STAFF_TRANSITIONS.flatMap((t) => t.actors.map((a) => `${t.from}|${t.action}|${a}|${t.to}`)).sort()).toEqual(
      ALLOWED.map(([f, ac, a, t]) => `${f}|${ac}|${a}|${t}`).sort(),
    );
  });

  it('refuses every other combination of status, action and actor with INVALID_TRANSITION', () => {
    const allowed = new Set(ALLOWED.map(([f, ac, a]) => `${f}|${ac}|${a}`));
    let refused = 0;
    for (const from of FROMS) {
      for (const action of ACTIONS) {
        for (const actor of ACTORS) {
          if (allowed.has(`${from}|${action}|${actor}`)) continue;
          expect(canTransitionStaff(from, action, actor)).toBe(false);
          expect(() => nextStaffStatus(from, action, actor)).toThrow(
            expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION', entity: 'StaffMember', from, action }) }),
          );
          refused += 1;
        }
      }
    }
    expect(refused).toBe(FROMS.length * ACTIONS.length * ACTORS.length - ALLOWED.length);
  });

  it.each([
    [S.ACTIVE, 'accept'],
    [S.DEACTIVATED, 'accept'],
    [S.EXPIRED, 'accept'],
    [S.EXPIRED, 'reactivate'],
    [S.EXPIRED, 'deactivate'],
    [S.EXPIRED, 'setRoles'],
    [S.ACTIVE, 'reactivate'],
    [S.ACTIVE, 'expire'],
    [S.DEACTIVATED, 'deactivate'],
  ] as Array<[S, StaffAction]>)('refuses %s → %s for anyone', (from, action) => {
    for (const actor of ACTORS) expect(canTransitionStaff(from, action, actor)).toBe(false);
  });

  it('leaves expiry to the system and every other change to staff', () => {
    expect(canTransitionStaff(S.INVITED, 'expire', 'SELLER_STAFF')).toBe(false);
    expect(canTransitionStaff(S.INVITED, 'accept', 'SYSTEM')).toBe(false);
    expect(canTransitionStaff(S.ACTIVE, 'deactivate', 'PLATFORM')).toBe(false);
  });

  it('treats an invitation past its deadline as EXPIRED before the job marks it, and nothing else', () => {
    const invitationExpiresAt = new Date('2030-01-06T00:00:00Z');
    const justBefore = new Date(invitationExpiresAt.getTime() - 1);
    expect(effectiveStaffStatus({ status: S.INVITED, invitationExpiresAt }, justBefore)).toBe(S.INVITED);
    expect(effectiveStaffStatus({ status: S.INVITED, invitationExpiresAt }, invitationExpiresAt)).toBe(S.EXPIRED);
    expect(() => nextStaffStatus(effectiveStaffStatus({ status: S.INVITED, invitationExpiresAt }, invitationExpiresAt), 'accept', 'SELLER_STAFF')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION', from: S.EXPIRED }) }),
    );
    for (const status of [S.ACTIVE, S.DEACTIVATED, S.EXPIRED]) {
      expect(effectiveStaffStatus({ status, invitationExpiresAt }, new Date('2031-01-01T00:00:00Z'))).toBe(status);
    }
  });
});
