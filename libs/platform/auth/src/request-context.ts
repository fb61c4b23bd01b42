import { AsyncLocalStorage } from 'node:async_hooks';
import { GraphQLError } from 'graphql';
import { Identity } from './identity';
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
