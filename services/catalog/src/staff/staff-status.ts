import { registerEnumType } from '@nestjs/graphql';

/** Where a staff member's account stands; staff.state-machine.ts holds the one transition table. */
export enum StaffMemberStatus {
  /** Invited by the owner; nobody holds the account until the invitee accepts (within 120 h). */
  INVITED = 'INVITED',
  /** Accepted: the member acts for the shop with the union of its roles' permissions. */
  ACTIVE = 'ACTIVE',
  /** Switched off by the owner (an active member, or a pending invitation withdrawn); no access at all. */
  DEACTIVATED = 'DEACTIVATED',
  /** Not accepted in time; terminal. */
  EXPIRED = 'EXPIRED',
}

registerEnumType(StaffMemberStatus, { name: 'StaffMemberStatus', description: "Status of a shop staff member's account." });
