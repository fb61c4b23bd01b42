import { actingSellerId, currentContext } from '@sc/auth';

/**
 * Which products a caller may read: a seller their own shop's; the platform (reviewers) every product;
 * anyone else only live listings.
 */
export type ProductReadScope = { sellerId: string } | { anyProduct: true } | { liveOnly: true };

export function productReadScope(): ProductReadScope {
  const { identity } = currentContext();
  const sellerId = actingSellerId(identity);
  if (sellerId) return { sellerId };
  if (identity.roles.includes('PLATFORM')) return { anyProduct: true };
  return { liveOnly: true };
}
