import { randomBytes } from 'node:crypto';
import { Identity, OWNER_ACCESS, Permission } from '@sc/auth';

/** A seller identity for a brand-new shop id: its owner (full access, as the gateway resolves it for an owner). */
export function newSeller(): Identity {
  const suffix = randomBytes(6).toString('hex');
  return { userId: `usr_${suffix}`, sellerId: `shp_${suffix}`, roles: ['SELLER_STAFF'], access: OWNER_ACCESS };
}

/** Another staff member of `owner`'s shop with only `permissions` (as the gateway would resolve them). */
export function newStaffMember(owner: Identity, permissions: Permission[]): Identity {
  return { userId: `usr_${randomBytes(6).toString('hex')}`, sellerId: owner.sellerId, roles: ['SELLER_STAFF'], access: { owner: false, permissions } };
}

/** A buyer identity. */
export function newBuyer(): Identity {
  return { userId: `byr_${randomBytes(6).toString('hex')}`, sellerId: null, roles: ['BUYER'] };
}

/** A fresh idempotency key. */
export const newIdempotencyKey = (): string => `key-${randomBytes(8).toString('hex')}`;
