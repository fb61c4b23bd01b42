import { currentContext } from '@sc/auth';

/**
 * Which products a caller may read: a seller their own shop's; the platform (reviewers) every product;
 * anyone else only live listings.
 */
export type ProductReadScope = { sellerId: string } | { anyProduct: true } | { liveOnly: true };

export function productReadScope(): ProductReadScope {
  const { identity } = currentContext();
  if (identity.sellerId && identity.roles.includes('SELLER_STAFF')) return { sellerId: identity.sellerId };
  if (identity.roles.includes('PLATFORM')) return { anyProduct: true };
  return { liveOnly: true };
}
