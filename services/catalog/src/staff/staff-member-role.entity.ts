import { Entity, PrimaryColumn } from 'typeorm';

/** One role a member holds: a default role's key (`CUSTOMER_SERVICE`) or a custom role's id (`rol_…`). */
@Entity({ name: 'staff_member_roles' })
export class StaffMemberRoleEntity {
  @PrimaryColumn({ type: 'text' })
  memberId: string;

  @PrimaryColumn({ type: 'text' })
  roleRef: string;
}
