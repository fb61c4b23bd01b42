// What a shop's staff member may do: a permission is a module of the seller center × VIEW or EDIT (EDIT
// includes VIEW). Roles are sets of permissions; a member with several roles has their union. The owner
// may do everything, and only the owner may manage staff and the shop's profile.

/** The areas of the seller center a permission is about. */
export const STAFF_MODULES = [
  'PRODUCTS',
  'INVENTORY',
  'ORDERS',
  'RETURNS',
  'INQUIRIES',
  'PROMOTIONS',
  'ADS',
  'CREATORS',
  'FINANCE',
  'STAFF',
  'SHOP_PROFILE',
] as const;
/** An area of the seller center. */
export type StaffModule = (typeof STAFF_MODULES)[number];

/** VIEW reads a module's data; EDIT changes it (and reads it). */
export type AccessLevel = 'VIEW' | 'EDIT';

/** One permission, e.g. `ORDERS:EDIT`. */
export type Permission = `${StaffModule}:${AccessLevel}`;

/** Areas no role can grant: only the shop's owner manages its staff and edits its profile. */
export const OWNER_ONLY_MODULES: readonly StaffModule[] = ['STAFF', 'SHOP_PROFILE'];

/** What a staff member may do in the shop they act for, as the gateway resolved it for this request. */
export interface StaffAccess {
  owner: boolean;
  permissions: readonly Permission[];
}

/** Full access: the shop's owner. */
export const OWNER_ACCESS: StaffAccess = Object.freeze({ owner: true, permissions: Object.freeze([]) as readonly Permission[] });

/** No access at all (an unknown, invited-only or deactivated member). */
export const NO_ACCESS: StaffAccess = Object.freeze({ owner: false, permissions: Object.freeze([]) as readonly Permission[] });

const LEVELS: readonly AccessLevel[] = ['VIEW', 'EDIT'];

/** Every permission a role may name (owner-only modules excluded). */
export const GRANTABLE_PERMISSIONS: readonly Permission[] = STAFF_MODULES.filter((m) => !OWNER_ONLY_MODULES.includes(m)).flatMap((m) =>
  LEVELS.map((l) => `${m}:${l}` as Permission),
);

/** `value` as a permission a role may grant, or null. */
export function parsePermission(value: unknown): Permission | null {
  return typeof value === 'string' && (GRANTABLE_PERMISSIONS as readonly string[]).includes(value) ? (value as Permission) : null;
}

/** True when `access` allows `permission`: the owner always; others by a role's permission (EDIT covers VIEW). */
export function allows(access: StaffAccess | undefined, permission: Permission): boolean {
  if (!access) return false;
  if (access.owner) return true;
  const [module, level] = permission.split(':') as [StaffModule, AccessLevel];
  if (OWNER_ONLY_MODULES.includes(module)) return false;
  return access.permissions.includes(permission) || (level === 'VIEW' && access.permissions.includes(`${module}:EDIT`));
}

/**
 * The union of several roles' permissions, normalised: a module's EDIT drops its VIEW, owner-only and
 * unknown permissions are dropped, in STAFF_MODULES order (so equal sets compare equal).
 */
export function unionOfPermissions(sets: ReadonlyArray<readonly string[]>): Permission[] {
  const granted = new Set(
    sets
      .flat()
      .map(parsePermission)
      .filter((p): p is Permission => p !== null),
  );
  return GRANTABLE_PERMISSIONS.filter((p) => granted.has(p) && !(p.endsWith(':VIEW') && granted.has(p.replace(':VIEW', ':EDIT') as Permission)));
}

/** The default roles every shop has; custom roles add to them. */
export const DEFAULT_ROLES = {
  ADMIN: {
    name: 'Admin',
    permissions: GRANTABLE_PERMISSIONS.filter((p) => p.endsWith(':EDIT')),
  },
  OPERATIONS: {
    name: 'Operations',
    permissions: ['PRODUCTS:EDIT', 'INVENTORY:EDIT', 'ORDERS:EDIT', 'RETURNS:EDIT', 'INQUIRIES:VIEW', 'PROMOTIONS:VIEW'],
  },
  CUSTOMER_SERVICE: {
    name: 'Customer Service',
    permissions: ['ORDERS:VIEW', 'INQUIRIES:EDIT', 'RETURNS:VIEW', 'PRODUCTS:VIEW'],
  },
  MARKETING: {
    name: 'Marketing',
    permissions: ['PROMOTIONS:EDIT', 'ADS:EDIT', 'CREATORS:EDIT', 'PRODUCTS:VIEW'],
  },
  FINANCE: {
    name: 'Finance',
    permissions: ['FINANCE:EDIT', 'ORDERS:VIEW', 'RETURNS:VIEW'],
  },
} as const satisfies Record<string, { name: string; permissions: readonly Permission[] }>;

/** The key of a default role. */
export type DefaultRoleKey = keyof typeof DEFAULT_ROLES;

/** `claim` (an internal context's `access`) as StaffAccess, or undefined when absent or malformed. */
export function staffAccessFromClaim(claim: unknown): StaffAccess | undefined {
  if (!claim || typeof claim !== 'object') return undefined;
  const { owner, permissions } = claim as { owner?: unknown; permissions?: unknown };
  if (typeof owner !== 'boolean' || !Array.isArray(permissions)) return undefined;
  return { owner, permissions: unionOfPermissions([permissions.filter((p): p is string => typeof p === 'string')]) };
}
