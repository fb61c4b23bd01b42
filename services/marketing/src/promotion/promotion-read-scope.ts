import { actingSellerId, currentContext } from '@sc/auth';

/**
 * Which promotions a caller may read: a seller their own shop's, in any status; anyone else (buyers,
 * anonymous shoppers) only ONGOING ones, since those are public on the product page.
 */
export type PromotionReadScope = { sellerId: string } | { ongoingOnly: true };

export function promotionReadScope(): PromotionReadScope {
  const sellerId = actingSellerId(currentContext().identity);
  return sellerId ? { sellerId } : { ongoingOnly: true };
}
