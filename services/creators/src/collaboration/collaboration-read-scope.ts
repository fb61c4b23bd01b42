import { currentContext } from '@sc/auth';

/** The seller whose collaborations the caller may read, or null: collaborations are visible to their shop only. */
export function collaborationReaderSellerId(): string | null {
  const { identity } = currentContext();
  return identity.sellerId && identity.roles.includes('SELLER_STAFF') ? identity.sellerId : null;
}
