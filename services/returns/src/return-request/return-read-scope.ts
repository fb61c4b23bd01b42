import { currentContext, staffReadSellerId } from '@sc/auth';
import { AppError } from '@sc/graphql';

/** Who may read a return request: the shop's staff, or the buyer who opened it. */
export type ReturnReadScope = { sellerId: string } | { buyerId: string };

/** A seller reads their shop's return requests, a buyer their own; other callers read none. */
export function returnReadScope(): ReturnReadScope {
  const { identity } = currentContext();
  const sellerId = staffReadSellerId('RETURNS:VIEW');
  if (sellerId) return { sellerId };
  if (identity.roles.includes('BUYER')) return { buyerId: identity.userId };
  throw new AppError('FORBIDDEN', 'Return requests are visible to their shop and their buyer only');
}
