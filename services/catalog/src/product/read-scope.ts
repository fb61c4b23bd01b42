import { currentContext } from '@sc/auth';

/** Which products a caller may read: a seller their own shop's; anyone else only live listings. */
export type ProductReadScope = { sellerId: string } | { liveOnly: true };

export function productReadScope(): ProductReadScope {
  const { identity } = currentContext();
  if (identity.sellerId && identity.roles.includes('SELLER_STAFF')) return { sellerId: identity.sellerId };
  return { liveOnly: true };
}
