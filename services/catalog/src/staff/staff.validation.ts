import { DEFAULT_ROLES, OWNER_ONLY_MODULES, parsePermission } from '@sc/auth';
import { isIdOf } from '@sc/db';
import { FieldProblem, checkIdempotencyKey, checkText } from '@sc/graphql';
import { isRoleRef } from './staff-roles.catalogue';
import {
  AcceptStaffInvitationInput,
  CreateStaffRoleInput,
  InviteStaffInput,
  SetStaffRolesInput,
  StaffMemberCommandInput,
  UpdateStaffRoleInput,
} from './staff.inputs';

/** Longest email address (RFC 5321 path limit) and local part. */
export const MAX_EMAIL_LENGTH = 254;
const MAX_LOCAL_PART_LENGTH = 64;
/** Most roles one member may hold. */
export const MAX_ROLES_PER_MEMBER = 10;
/** Longest custom role name. */
export const MAX_ROLE_NAME_LENGTH = 60;
/** Longest invitation code accepted as input (codes are 32 characters). */
const MAX_INVITATION_CODE_LENGTH = 128;

// One @, no spaces, a dot in the domain, no leading/trailing dot in either part. Deliverability is the
// invitee's proof (they accept with the code), not ours.
const EMAIL = /^[^\s@.]([^\s@]*[^\s@.])?@[^\s@.]+(\.[^\s@.]+)+$/;

// A lone UTF-16 surrogate (not half of a pair) is not text; PostgreSQL would store a replacement character.
const LONE_SURROGATE = /\p{Cs}/u;

/** The stored form of an email address: trimmed and lower-case. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Problems with an email address. */
export function checkEmail(field: string, value: string): FieldProblem[] {
  const text = checkText(field, value, 3, MAX_EMAIL_LENGTH);
  if (text.length > 0) return text;
  if (LONE_SURROGATE.test(value)) return [{ field, message: 'must be valid Unicode text' }];
  const email = normaliseEmail(value);
  if (!EMAIL.test(email) || email.indexOf('@') > MAX_LOCAL_PART_LENGTH) return [{ field, message: 'must be an email address' }];
  return [];
}

/** Problems with a member's role list: 1 to 10 well-formed, distinct role references. */
export function checkRoleRefs(field: string, roles: readonly string[]): FieldProblem[] {
  if (roles.length < 1) return [{ field, message: 'must name at least one role' }];
  if (roles.length > MAX_ROLES_PER_MEMBER) return [{ field, message: `must name at most ${MAX_ROLES_PER_MEMBER} roles` }];
  const problems: FieldProblem[] = [];
  roles.forEach((ref, i) => {
    if (!isRoleRef(ref)) problems.push({ field: `${field}[${i}]`, message: 'is not a default role key or a custom role id' });
  });
  if (new Set(roles).size !== roles.length) problems.push({ field, message: 'must not repeat a role' });
  return problems;
}

const DEFAULT_ROLE_NAMES = new Set(Object.entries(DEFAULT_ROLES).flatMap(([key, role]) => [key.toLowerCase(), role.name.toLowerCase(), 'owner']));

/** Problems with a custom role's name: 1 to 60 characters, not a default role's name or key (nor "Owner"). */
export function checkRoleName(field: string, name: string): FieldProblem[] {
  const text = checkText(field, name, 1, MAX_ROLE_NAME_LENGTH);
  if (text.length > 0) return text;
  if (LONE_SURROGATE.test(name)) return [{ field, message: 'must be valid Unicode text' }];
  return DEFAULT_ROLE_NAMES.has(name.trim().toLowerCase()) ? [{ field, message: 'is the name of a default role' }] : [];
}

/** Problems with a custom role's permissions: at least one, each a grantable `MODULE:VIEW|EDIT`. */
export function checkPermissions(field: string, permissions: readonly string[]): FieldProblem[] {
  if (permissions.length < 1) return [{ field, message: 'must grant at least one permission' }];
  if (permissions.length > 100) return [{ field, message: 'must have at most 100 entries' }];
  const problems: FieldProblem[] = [];
  permissions.forEach((permission, i) => {
    if (parsePermission(permission) !== null) return;
    const module = typeof permission === 'string' ? permission.split(':')[0] : '';
    const ownerOnly = (OWNER_ONLY_MODULES as readonly string[]).includes(module);
    problems.push({
      field: `${field}[${i}]`,
      message: ownerOnly ? 'cannot be granted: only the owner has it' : 'must be MODULE:VIEW or MODULE:EDIT of a seller-center module',
    });
  });
  return problems;
}

const checkId = (field: string, prefix: string, value: string): FieldProblem[] =>
  isIdOf(prefix, value) ? [] : [{ field, message: `is not a ${prefix === 'stf' ? 'staff member' : 'role'} id` }];

export const validateInviteStaff = (input: InviteStaffInput): FieldProblem[] => [
  ...checkEmail('email', input.email),
  ...checkRoleRefs('roles', input.roles),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

export const validateMemberCommand = (input: StaffMemberCommandInput): FieldProblem[] => [
  ...checkId('memberId', 'stf', input.memberId),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

export const validateSetStaffRoles = (input: SetStaffRolesInput): FieldProblem[] => [
  ...checkId('memberId', 'stf', input.memberId),
  ...checkRoleRefs('roles', input.roles),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

export const validateAcceptInvitation = (input: AcceptStaffInvitationInput): FieldProblem[] => [
  ...checkId('memberId', 'stf', input.memberId),
  ...checkText('invitationCode', input.invitationCode, 1, MAX_INVITATION_CODE_LENGTH),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

export const validateCreateStaffRole = (input: CreateStaffRoleInput): FieldProblem[] => [
  ...checkRoleName('name', input.name),
  ...checkPermissions('permissions', input.permissions),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];

export function validateUpdateStaffRole(input: UpdateStaffRoleInput): FieldProblem[] {
  const problems = [...checkId('roleId', 'rol', input.roleId), ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey)];
  const hasName = input.name !== null && input.name !== undefined;
  const hasPermissions = input.permissions !== null && input.permissions !== undefined;
  if (!hasName && !hasPermissions) problems.push({ field: 'name', message: 'name or permissions must be given' });
  if (hasName) problems.push(...checkRoleName('name', input.name!));
  if (hasPermissions) problems.push(...checkPermissions('permissions', input.permissions!));
  return problems;
}

export const validateRoleCommand = (input: { roleId: string; idempotencyKey: string }): FieldProblem[] => [
  ...checkId('roleId', 'rol', input.roleId),
  ...checkIdempotencyKey('idempotencyKey', input.idempotencyKey),
];
