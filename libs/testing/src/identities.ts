import { randomBytes } from 'node:crypto';
import { Identity } from '@sc/auth';

/** A seller identity for a brand-new shop id. */
export function newSeller(): Identity {
  const suffix = randomBytes(6).toString('hex');
  return { userId: `usr_${suffix}`, sellerId: `shp_${suffix}`, roles: ['SELLER_STAFF'] };
}

/** A buyer identity. */
export function newBuyer(): Identity {
  return { userId: `byr_${randomBytes(6).toString('hex')}`, sellerId: null, roles: ['BUYER'] };
}

/** A fresh idempotency key. */
export const newIdempotencyKey = (): string => `key-${randomBytes(8).toString('hex')}`;
