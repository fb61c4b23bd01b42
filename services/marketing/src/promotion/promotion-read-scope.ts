import { actingSellerId, currentContext, staffMay } from '@sc/auth';

/**
 * Which promotions a caller may read: a seller their own shop's, in any status; anyone else (buyers,
 * anonymous shoppers) only ONGOING ones, since those are public on the product page.
 */
export type PromotionReadScope = { sellerId: string } | { ongoingOnly: true };

export function promotionReadScope(): PromotionReadScope {
  // Staff without PROMOTIONS:VIEW see what shoppers see.
  return staffMay('PROMOTIONS:VIEW') ? { sellerId: actingSellerId(currentContext().identity)! } : { ongoingOnly: true };
}
