import { DEFAULT_ROLES, DefaultRoleKey, Permission, unionOfPermissions } from '@sc/auth';
import { isIdOf } from '@sc/db';

/** The default roles' keys, in DEFAULT_ROLES order (also their order in Shop.staffRoles). */
export const DEFAULT_ROLE_KEYS = Object.keys(DEFAULT_ROLES) as DefaultRoleKey[];

/** True for a default role's key (`CUSTOMER_SERVICE`). */
export const isDefaultRoleKey = (ref: string): ref is DefaultRoleKey => (DEFAULT_ROLE_KEYS as string[]).includes(ref);

/** True for a well-formed role reference: a default role's key or a custom role id (`rol_…`); whether that custom role exists is a separate question. */
export const isRoleRef = (ref: string): boolean => isDefaultRoleKey(ref) || isIdOf('rol', ref);

/** A role as the API shows it: a default one (id = its key) or a shop's custom one. */
export interface RoleView {
  id: string;
  name: string;
  isDefault: boolean;
  permissions: Permission[];
}

/** The default roles every shop has, with their permissions. */
export const DEFAULT_ROLE_VIEWS: readonly RoleView[] = DEFAULT_ROLE_KEYS.map((key) => ({
  id: key,
  name: DEFAULT_ROLES[key].name,
  isDefault: true,
  permissions: unionOfPermissions([DEFAULT_ROLES[key].permissions]),
}));

/** A custom role's view. */
export const customRoleView = (role: { id: string; name: string; permissions: readonly string[] }): RoleView => ({
  id: role.id,
  name: role.name,
  isDefault: false,
  permissions: unionOfPermissions([role.permissions]),
});

/**
 * What a member holding `refs` may do: the union of its roles' permissions (default roles from code, custom
 * ones from `customPermissions`, by id; a reference to a role that no longer exists grants nothing).
 */
export function permissionsOfRoles(refs: readonly string[], customPermissions: ReadonlyMap<string, readonly string[]>): Permission[] {
  return unionOfPermissions(refs.map((ref) => (isDefaultRoleKey(ref) ? DEFAULT_ROLES[ref].permissions : (customPermissions.get(ref) ?? []))));
}
