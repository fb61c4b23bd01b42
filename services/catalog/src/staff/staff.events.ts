import {
  EventEnvelope,
  StaffActivatedV1,
  StaffDeactivatedV1,
  StaffInvitationExpiredV1,
  StaffInvitedV1,
  StaffReactivatedV1,
  StaffRoleChangedV1,
  StaffRolesChangedV1,
} from '@sc/events';
import { Permission } from '@sc/auth';
import { Cause, EventSubject, aggregateEvent } from '@sc/kit';
import { StaffMemberEntity } from './staff-member.entity';
import { StaffRoleEntity } from './staff-role.entity';
import { StaffMemberStatus } from './staff-status';

// Every event of catalog.staff.v1. None carries the email address or the invitation code.

type RoleRefs = StaffInvitedV1['roles'];

/** The member as the aggregate of its events, at its current version (key = member id). */
const memberSubject = (member: StaffMemberEntity): EventSubject => ({
  source: 'catalog',
  sellerId: member.sellerId,
  aggregateType: 'StaffMember',
  aggregateId: member.id,
  aggregateVersion: member.version,
});

/** The custom role as the aggregate of its events (key = role id). */
const roleSubject = (role: StaffRoleEntity): EventSubject => ({
  source: 'catalog',
  sellerId: role.sellerId,
  aggregateType: 'StaffRole',
  aggregateId: role.id,
  aggregateVersion: role.version,
});

export const staffInvited = (member: StaffMemberEntity, roles: readonly string[], cause: Cause): EventEnvelope<StaffInvitedV1> =>
  aggregateEvent<StaffInvitedV1>(memberSubject(member), 'staff.invited', cause, {
    memberId: member.id,
    roles: [...roles] as RoleRefs,
    invitedAt: member.invitedAt.toISOString(),
    invitationExpiresAt: member.invitationExpiresAt.toISOString(),
  });

export const staffActivated = (member: StaffMemberEntity, roles: readonly string[], permissions: Permission[], cause: Cause): EventEnvelope<StaffActivatedV1> =>
  aggregateEvent<StaffActivatedV1>(memberSubject(member), 'staff.activated', cause, {
    memberId: member.id,
    userId: member.userId!,
    roles: [...roles] as RoleRefs,
    permissions,
    activatedAt: member.activatedAt!.toISOString(),
  });

export const staffDeactivated = (
  member: StaffMemberEntity,
  from: StaffMemberStatus.INVITED | StaffMemberStatus.ACTIVE,
  cause: Cause,
): EventEnvelope<StaffDeactivatedV1> =>
  aggregateEvent<StaffDeactivatedV1>(memberSubject(member), 'staff.deactivated', cause, {
    memberId: member.id,
    userId: member.userId,
    from,
    deactivatedAt: member.deactivatedAt!.toISOString(),
  });

export const staffReactivated = (
  member: StaffMemberEntity,
  roles: readonly string[],
  permissions: Permission[],
  cause: Cause,
): EventEnvelope<StaffReactivatedV1> =>
  aggregateEvent<StaffReactivatedV1>(memberSubject(member), 'staff.reactivated', cause, {
    memberId: member.id,
    userId: member.userId!,
    roles: [...roles] as RoleRefs,
    permissions,
  });

export const staffRolesChanged = (
  member: StaffMemberEntity,
  previousRoles: readonly string[],
  roles: readonly string[],
  permissions: Permission[],
  cause: Cause,
): EventEnvelope<StaffRolesChangedV1> =>
  aggregateEvent<StaffRolesChangedV1>(memberSubject(member), 'staff.roles_changed', cause, {
    memberId: member.id,
    userId: member.userId,
    status: member.status,
    previousRoles: [...previousRoles] as RoleRefs,
    roles: [...roles] as RoleRefs,
    permissions,
  });

export const staffInvitationExpired = (member: StaffMemberEntity, cause: Cause): EventEnvelope<StaffInvitationExpiredV1> =>
  aggregateEvent<StaffInvitationExpiredV1>(memberSubject(member), 'staff.invitation_expired', cause, {
    memberId: member.id,
    invitationExpiresAt: member.invitationExpiresAt.toISOString(),
  });

export const staffRoleChanged = (
  role: StaffRoleEntity,
  change: StaffRoleChangedV1['change'],
  previousPermissions: readonly string[] | null,
  memberIds: readonly string[],
  cause: Cause,
): EventEnvelope<StaffRoleChangedV1> =>
  aggregateEvent<StaffRoleChangedV1>(roleSubject(role), 'staff.role_changed', cause, {
    roleId: role.id,
    change,
    name: role.name,
    permissions: [...role.permissions],
    previousPermissions: previousPermissions ? [...previousPermissions] : null,
    memberIds: [...memberIds],
  });
