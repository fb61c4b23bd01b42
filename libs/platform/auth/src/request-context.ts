import { AsyncLocalStorage } from 'node:async_hooks';
import { GraphQLError } from 'graphql';
import { Identity } from './identity';
import { Permission, allows } from './permissions';
import { Role } from './roles';

/** What a subgraph knows about the request it is serving; lives for one HTTP request. */
export interface RequestContext {
  identity: Identity;
  correlationId: string;
  /** Per-request memo (DataLoaders and the like), so batching never leaks across requests or sellers. */
  scoped: Map<string, unknown>;
}

/** The request context of the code running now, propagated through async calls. */
export const requestContextStore = new AsyncLocalStorage<RequestContext>();

/** The current request context; throws UNAUTHENTICATED outside a verified request. */
export function currentContext(): RequestContext {
  const context = requestContextStore.getStore();
  if (!context) throw new GraphQLError('Not authenticated', { extensions: { code: 'UNAUTHENTICATED' } });
  return context;
}

/** The seller (shop) id the caller acts for; throws FORBIDDEN for callers without one. */
export function currentSellerId(): string {
  const { identity } = currentContext();
  if (!identity.sellerId || !identity.roles.includes('SELLER_STAFF')) {
    throw new GraphQLError('This operation needs a seller account', { extensions: { code: 'FORBIDDEN' } });
  }
  return identity.sellerId;
}

/** The current identity, after checking it carries the role; FORBIDDEN otherwise. */
export function requireRole(role: Role): Identity {
  const { identity } = currentContext();
  if (!identity.roles.includes(role)) {
    throw new GraphQLError(`This operation needs the ${role} role`, { extensions: { code: 'FORBIDDEN' } });
  }
  return identity;
}

/** A value memoized for the current request under `key` (for example a DataLoader). */
export function requestScoped<T>(key: string, create: () => T): T {
  const { scoped } = currentContext();
  let value = scoped.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    scoped.set(key, value);
  }
  return value;
}

/** The shop a verified identity acts for as its staff, or null for buyers, creators and platform roles. */
export function actingSellerId(identity: Identity): string | null {
  return identity.sellerId && identity.roles.includes('SELLER_STAFF') ? identity.sellerId : null;
}

/**
 * The shop id of a staff member allowed `permission` there (FORBIDDEN otherwise, naming the permission):
 * every seller-side read and write states the permission it needs through this, so none is born without one.
 */
export function staffSellerId(permission: Permission): string {
  const sellerId = currentSellerId();
  if (!allows(currentContext().identity.access, permission)) {
    throw new GraphQLError(`This operation needs the ${permission} permission`, { extensions: { code: 'FORBIDDEN', permission } });
  }
  return sellerId;
}

/** True when the caller is a staff member of some shop allowed `permission` there (for fields that degrade instead of refusing). */
export function staffMay(permission: Permission): boolean {
  const { identity } = currentContext();
  return actingSellerId(identity) !== null && allows(identity.access, permission);
}

/**
 * For reads open to several kinds of caller (a buyer reads their own orders, staff their shop's): the shop
 * id when the caller is staff allowed `permission` (FORBIDDEN for staff without it), null for other callers.
 */
export function staffReadSellerId(permission: Permission): string | null {
  return actingSellerId(currentContext().identity) === null ? null : staffSellerId(permission);
}

/**
 * The shop id of an active staff member with any access at all, for what every member sees (the shop
 * itself); FORBIDDEN for a member without access (deactivated, or invited and not yet active).
 */
export function activeStaffSellerId(): string {
  const sellerId = currentSellerId();
  const access = currentContext().identity.access;
  if (!access || (!access.owner && access.permissions.length === 0)) {
    throw new GraphQLError('This staff account has no access to the shop', { extensions: { code: 'FORBIDDEN' } });
  }
  return sellerId;
}

/** `shopId` when it is the caller's own shop and they are allowed `permission` there; FORBIDDEN otherwise. */
export function ownShopId(shopId: string, permission: Permission, what = "this shop's data"): string {
  if (shopId !== staffSellerId(permission)) {
    throw new GraphQLError(`Only the shop's own staff can read ${what}`, { extensions: { code: 'FORBIDDEN' } });
  }
  return shopId;
}
