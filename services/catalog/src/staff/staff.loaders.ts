import { Injectable } from '@nestjs/common';
import { groupLoader } from '@sc/graphql';
import { MemberRoleRow, StaffRepository } from './staff.repository';

@Injectable()
export class StaffLoaders {
  constructor(private readonly staff: StaffRepository) {}

  /** The roles of members the caller already read through the shop's scope (a page of Shop.staffMembers, a mutation's answer). */
  rolesByMemberId() {
    return groupLoader<string, MemberRoleRow>(
      'catalog.staffRolesByMemberId',
      (ids) => this.staff.rolesOfMembers(ids),
      (row) => row.memberId,
    );
  }
}
