import { StaffMemberEntity } from './staff-member.entity';
import { StaffRoleEntity } from './staff-role.entity';
import { StaffMember, StaffRole } from './staff.model';
import { DEFAULT_ROLE_VIEWS, RoleView, customRoleView, isDefaultRoleKey } from './staff-roles.catalogue';
import { MemberRoleRow } from './staff.repository';

export const toStaffMember = (m: StaffMemberEntity): StaffMember => ({
  id: m.id,
  email: m.email,
  status: m.status,
  userId: m.userId,
  invitedAt: m.invitedAt,
  invitationExpiresAt: m.invitationExpiresAt,
  activatedAt: m.activatedAt,
  deactivatedAt: m.deactivatedAt,
  updatedAt: m.updatedAt,
});

export const toStaffRole = (role: RoleView): StaffRole => ({ ...role, permissions: [...role.permissions] });

export const customStaffRole = (entity: StaffRoleEntity): StaffRole => toStaffRole(customRoleView(entity));

/** A member's role as the API shows it; null for a reference to a custom role that no longer exists. */
export function memberRole(row: MemberRoleRow): StaffRole | null {
  if (isDefaultRoleKey(row.roleRef)) return toStaffRole(DEFAULT_ROLE_VIEWS.find((r) => r.id === row.roleRef)!);
  return row.customName === null ? null : toStaffRole(customRoleView({ id: row.roleRef, name: row.customName, permissions: row.customPermissions ?? [] }));
}
