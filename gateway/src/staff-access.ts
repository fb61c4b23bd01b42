import { Agent, request } from 'undici';
import {
  CORRELATION_ID_HEADER,
  INTERNAL_CONTEXT_HEADER,
  NO_ACCESS,
  OWNER_ACCESS,
  unionOfPermissions,
  type Identity,
  type Permission,
  type StaffAccess,
} from '@sc/auth';
import type { InternalContextSigner } from './internal-context-signer';
import { log } from './log';

/** Where catalog (the owner of Shop, hence of its staff) answers who a staff member is in their shop. */
export const STAFF_ACCESS_PATH = 'internal/staff-access';

/** Catalog's answer to `POST /internal/staff-access` (the contract between gateway and catalog). */
export interface StaffAccessAnswer {
  owner: boolean;
  permissions: Permission[];
  /** OWNER: the shop's owner; ACTIVE: an active member; NONE: anything else (unknown, invited, deactivated, no shop). */
  status: 'OWNER' | 'ACTIVE' | 'NONE';
}

/** What one lookup found: the access, and whether it may be cached (never a NONE: a shop registered a moment ago must work next time). */
export interface LookedUpAccess {
  access: StaffAccess;
  cacheable: boolean;
}

/** Asks catalog about one staff member; rejects when catalog cannot answer (down, timeout, non-200, malformed). */
export type StaffAccessLookup = (identity: Identity, timeoutMs: number, correlationId?: string) => Promise<LookedUpAccess>;

/** `POST <catalog>/internal/staff-access` next to catalog's GraphQL URL ("http://h:4101/graphql" → "http://h:4101/internal/staff-access"). */
export function staffAccessUrlOf(catalogGraphqlUrl: string): string {
  return new URL(STAFF_ACCESS_PATH, catalogGraphqlUrl).toString();
}

/** The URL a supergraph gives a subgraph in `@join__graph(name:, url:)`, or undefined. */
export function supergraphUrlOf(supergraphSdl: string, subgraph: string): string | undefined {
  const graph = new RegExp(`@join__graph\\(\\s*name:\\s*"${subgraph}"\\s*,\\s*url:\\s*"([^"]*)"`).exec(supergraphSdl);
  return graph?.[1] || undefined;
}

/** A lookup that could not be answered; its message is for the gateway's log only, never for clients. */
export class StaffAccessLookupError extends Error {
  override name = 'StaffAccessLookupError';
}

/**
 * Catalog's side of the contract over HTTP: signs the caller's internal context (without access) with the
 * gateway's signer, POSTs it with no body, and parses the answer. Its own keep-alive pool, like a subgraph's.
 */
export function catalogStaffAccessLookup(url: string, signer: InternalContextSigner): { lookup: StaffAccessLookup; close(): Promise<void> } {
  const agent = new Agent({ pipelining: 1 });
  const lookup: StaffAccessLookup = async (identity, timeoutMs, correlationId) => {
    const headers: Record<string, string> = { [INTERNAL_CONTEXT_HEADER]: await signer.tokenFor(withoutAccess(identity)) };
    if (correlationId) headers[CORRELATION_ID_HEADER] = correlationId;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await request(url, { dispatcher: agent, method: 'POST', headers, signal: timeout.signal });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new StaffAccessLookupError(timeout.signal.aborted ? `no answer within ${timeoutMs} ms` : `unreachable: ${String(error)}`);
    } finally {
      clearTimeout(timer);
    }
    if (status !== 200) throw new StaffAccessLookupError(`answered HTTP ${status}`);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new StaffAccessLookupError('answered something that is not JSON');
    }
    const found = accessOfAnswer(body);
    if (!found) throw new StaffAccessLookupError('answered JSON that is not a staff-access answer');
    return found;
  };
  return { lookup, close: () => agent.close() };
}

/** Catalog's answer as access: OWNER → full access, ACTIVE → its (normalised) permissions, NONE → none; null when malformed. */
export function accessOfAnswer(body: unknown): LookedUpAccess | null {
  if (!body || typeof body !== 'object') return null;
  const { owner, permissions, status } = body as Record<string, unknown>;
  if (typeof owner !== 'boolean' || !Array.isArray(permissions) || !permissions.every((p) => typeof p === 'string')) return null;
  if (status === 'OWNER' && owner) return { access: OWNER_ACCESS, cacheable: true };
  if (status === 'ACTIVE' && !owner) {
    return { access: Object.freeze({ owner: false, permissions: Object.freeze(unionOfPermissions([permissions])) }), cacheable: true };
  }
  if (status === 'NONE') return { access: NO_ACCESS, cacheable: false };
  return null;
}

/** True for the callers whose access is looked up: a shop's staff (buyers, carriers and the platform never are). */
export const actsAsStaff = (identity: Identity): boolean => identity.sellerId !== null && identity.roles.includes('SELLER_STAFF');

/** `identity` with no `access` at all (what a client could have put there is never trusted). */
function withoutAccess(identity: Identity): Identity {
  if (identity.access === undefined) return identity;
  const { access: _ignored, ...rest } = identity;
  return rest;
}

export interface StaffAccessResolverOptions {
  lookup: StaffAccessLookup;
  /** How long a found access is reused (OWNER and ACTIVE only); 0 looks up every request (still de-duplicated). */
  ttlMs: number;
  /** Whole budget of one resolution, waiting for a lookup slot included; past it the request gets NO_ACCESS. */
  timeoutMs: number;
  /** Cached members at most (least recently used go first). */
  maxEntries: number;
  /** Lookups in flight to catalog at most; more wait (within timeoutMs) for a slot. */
  maxConcurrentLookups: number;
  now?: () => number;
  /** At most one log line per this many ms about failed lookups (with how many there were). */
  failureLogIntervalMs?: number;
}

interface CachedAccess {
  access: StaffAccess;
  expiresAt: number;
}

/**
 * Resolves, for every request of a shop's staff member, what they may do there, from catalog, so that a role
 * change or a deactivation applies within seconds rather than at token expiry:
 * - found access (OWNER, ACTIVE) is cached per (sellerId, userId) for `ttlMs`, in an LRU of `maxEntries`;
 * - concurrent requests of one member share one lookup;
 * - NONE is never cached (a shop registered a moment ago works on its next request); what bounds the load a
 *   flood of unknown members can cause is the cap on lookups in flight (each member also has at most one);
 * - when catalog cannot answer, the request proceeds with NO_ACCESS (its staff fields are FORBIDDEN, the rest
 *   works), nothing is cached, and the failure is logged at most once per interval. It never throws.
 */
export class StaffAccessResolver {
  private readonly cache = new Map<string, CachedAccess>();
  private readonly inflight = new Map<string, Promise<StaffAccess>>();
  private readonly now: () => number;
  private readonly failureLogIntervalMs: number;
  private lookupsInFlight = 0;
  private readonly waiting: Array<() => void> = [];
  private failuresSinceLog = 0;
  private lastFailureLogAt = -Infinity;
  /** A failure was logged and no success since: the next success says lookups answer again. */
  private outageLogged = false;

  constructor(private readonly options: StaffAccessResolverOptions) {
    this.now = options.now ?? Date.now;
    this.failureLogIntervalMs = options.failureLogIntervalMs ?? 10_000;
  }

  /** `identity` with the access resolved for this request (staff), or as it is without any `access` (everyone else). */
  async resolve(identity: Identity, correlationId?: string): Promise<Identity> {
    if (!actsAsStaff(identity)) return withoutAccess(identity);
    return { ...identity, access: await this.accessOf(identity, correlationId) };
  }

  private accessOf(identity: Identity, correlationId?: string): StaffAccess | Promise<StaffAccess> {
    const key = `${identity.sellerId}|${identity.userId}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      if (cached.expiresAt > this.now()) {
        this.cache.set(key, cached); // most recently used last
        return cached.access;
      }
    }
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.lookUp(key, identity, correlationId).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async lookUp(key: string, identity: Identity, correlationId?: string): Promise<StaffAccess> {
    const startedAt = this.now();
    const deadline = startedAt + this.options.timeoutMs;
    if (!(await this.acquireSlot(deadline))) {
      this.failed(`no lookup slot within ${this.options.timeoutMs} ms (${this.options.maxConcurrentLookups} lookups in flight)`);
      return NO_ACCESS;
    }
    try {
      const found = await this.options.lookup(identity, Math.max(1, deadline - this.now()), correlationId);
      if (this.outageLogged) this.recovered();
      if (found.cacheable && this.options.ttlMs > 0) this.remember(key, { access: found.access, expiresAt: startedAt + this.options.ttlMs });
      return found.access;
    } catch (error) {
      this.failed(error instanceof Error ? error.message : String(error));
      return NO_ACCESS;
    } finally {
      this.releaseSlot();
    }
  }

  private remember(key: string, entry: CachedAccess): void {
    this.cache.delete(key);
    if (this.cache.size >= this.options.maxEntries) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
    this.cache.set(key, entry);
  }

  /** Resolves true once a lookup may start, or false when `deadline` passes first. */
  private acquireSlot(deadline: number): Promise<boolean> | boolean {
    if (this.lookupsInFlight < this.options.maxConcurrentLookups) {
      this.lookupsInFlight += 1;
      return true;
    }
    return new Promise<boolean>((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(true); // the slot passes from the releaser to this waiter; the count stays
      };
      const timer = setTimeout(
        () => {
          const at = this.waiting.indexOf(grant);
          if (at >= 0) this.waiting.splice(at, 1);
          resolve(false);
        },
        Math.max(0, deadline - this.now()),
      );
      this.waiting.push(grant);
    });
  }

  private releaseSlot(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.lookupsInFlight -= 1;
  }

  /** Logs a failed lookup at most once per interval (with how many failed since the last line); never throws. */
  private failed(reason: string): void {
    this.failuresSinceLog += 1;
    const now = this.now();
    if (now - this.lastFailureLogAt < this.failureLogIntervalMs) return;
    log('error', 'staff access lookup failed; staff requests proceed with no access', {
      code: 'STAFF_ACCESS_UNAVAILABLE',
      reason,
      failures: this.failuresSinceLog,
      intervalMs: this.failureLogIntervalMs,
    });
    this.failuresSinceLog = 0;
    this.lastFailureLogAt = now;
    this.outageLogged = true;
  }

  /** After a logged failure, the first success says so once (so a flapping catalog logs at most two lines an interval). */
  private recovered(): void {
    log('info', 'staff access lookups answer again', { failuresNotLogged: this.failuresSinceLog });
    this.failuresSinceLog = 0;
    this.outageLogged = false;
  }

  /** Members cached now (for tests). */
  get size(): number {
    return this.cache.size;
  }
}
