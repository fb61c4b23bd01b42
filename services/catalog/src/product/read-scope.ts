import { actingSellerId, currentContext, staffMay } from '@sc/auth';

/**
 * Which products a caller may read: a seller their own shop's; the platform (reviewers) every product;
 * anyone else only live listings.
 */
export type ProductReadScope = { sellerId: string } | { anyProduct: true } | { liveOnly: true };

export function productReadScope(): ProductReadScope {
  const { identity } = currentContext();
  // Staff without PRODUCTS:VIEW see what shoppers see; platform reviewers see every product.
  if (staffMay('PRODUCTS:VIEW')) return { sellerId: actingSellerId(identity)! };
  if (identity.roles.includes('PLATFORM')) return { anyProduct: true };
  return { liveOnly: true };
}
