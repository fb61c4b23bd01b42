import { z } from 'zod';
import { idOf } from './money.schema';

// catalog.staff.v1: a shop's staff members and custom roles. No event carries an email address, the
// content of an invitation or its code: what consumers need (the gateway's access cache, an audit log)
// is who (member id, user id once accepted), what changed, and the access that results.

/** A role a member holds: a default role's key or a custom role's id (`rol_…`). */
export const StaffRoleRef = z.union([z.enum(['ADMIN', 'OPERATIONS', 'CUSTOMER_SERVICE', 'MARKETING', 'FINANCE']), idOf('rol')]);

/** One permission, `MODULE:VIEW` or `MODULE:EDIT` (EDIT includes VIEW). */
export const StaffPermission = z.string().regex(/^[A-Z_]+:(VIEW|EDIT)$/);

const MemberStatus = z.enum(['INVITED', 'ACTIVE', 'DEACTIVATED', 'EXPIRED']);

/** `staff.invited` v1 (catalog.staff.v1; key = member id): the owner invited someone; nobody holds the account yet. */
export const StaffInvitedV1 = z.object({
  memberId: idOf('stf'),
  roles: z.array(StaffRoleRef).min(1),
  invitedAt: z.string(),
  invitationExpiresAt: z.string(),
});
/** Payload of `staff.invited` v1. */
export type StaffInvitedV1 = z.infer<typeof StaffInvitedV1>;

/**
 * `staff.activated` v1 (catalog.staff.v1; key = member id): the invitee accepted; `userId` now acts for the
 * shop with `permissions` (the union of its roles').
 */
export const StaffActivatedV1 = z.object({
  memberId: idOf('stf'),
  userId: z.string().min(1),
  roles: z.array(StaffRoleRef),
  permissions: z.array(StaffPermission),
  activatedAt: z.string(),
});
/** Payload of `staff.activated` v1. */
export type StaffActivatedV1 = z.infer<typeof StaffActivatedV1>;

/**
 * `staff.deactivated` v1 (catalog.staff.v1; key = member id): the member lost all access to the shop (from
 * ACTIVE), or a pending invitation was withdrawn (from INVITED; `userId` null).
 */
export const StaffDeactivatedV1 = z.object({
  memberId: idOf('stf'),
  userId: z.string().min(1).nullable(),
  from: z.enum(['INVITED', 'ACTIVE']),
  deactivatedAt: z.string(),
});
/** Payload of `staff.deactivated` v1. */
export type StaffDeactivatedV1 = z.infer<typeof StaffDeactivatedV1>;

/** `staff.reactivated` v1 (catalog.staff.v1; key = member id): a deactivated member is active again with `permissions`. */
export const StaffReactivatedV1 = z.object({
  memberId: idOf('stf'),
  userId: z.string().min(1),
  roles: z.array(StaffRoleRef),
  permissions: z.array(StaffPermission),
});
/** Payload of `staff.reactivated` v1. */
export type StaffReactivatedV1 = z.infer<typeof StaffReactivatedV1>;

/** `staff.roles_changed` v1 (catalog.staff.v1; key = member id): the owner set the member's roles; `permissions` is the new union. */
export const StaffRolesChangedV1 = z.object({
  memberId: idOf('stf'),
  userId: z.string().min(1).nullable(),
  status: MemberStatus,
  previousRoles: z.array(StaffRoleRef),
  roles: z.array(StaffRoleRef).min(1),
  permissions: z.array(StaffPermission),
});
/** Payload of `staff.roles_changed` v1. */
export type StaffRolesChangedV1 = z.infer<typeof StaffRolesChangedV1>;

/** `staff.invitation_expired` v1 (catalog.staff.v1; key = member id): an invitation was not accepted within 120 h. Emitted once. */
export const StaffInvitationExpiredV1 = z.object({
  memberId: idOf('stf'),
  invitationExpiresAt: z.string(),
});
/** Payload of `staff.invitation_expired` v1. */
export type StaffInvitationExpiredV1 = z.infer<typeof StaffInvitationExpiredV1>;

/**
 * `staff.role_changed` v1 (catalog.staff.v1; key = role id): a custom role was created, edited (name or
 * permissions) or deleted. `memberIds`: the members (not expired) holding it, whose access follows its
 * permissions (none for CREATED, and none for DELETED, since a role still held cannot be deleted).
 */
export const StaffRoleChangedV1 = z.object({
  roleId: idOf('rol'),
  change: z.enum(['CREATED', 'UPDATED', 'DELETED']),
  name: z.string(),
  permissions: z.array(StaffPermission),
  previousPermissions: z.array(StaffPermission).nullable(),
  memberIds: z.array(idOf('stf')),
});
/** Payload of `staff.role_changed` v1. */
export type StaffRoleChangedV1 = z.infer<typeof StaffRoleChangedV1>;
