import { currentContext, staffReadSellerId } from '@sc/auth';
import { AppError } from '@sc/graphql';
import { OrderReadScope } from './order.repository';

/** A seller reads their shop's orders, a buyer their own; other callers read none. */
export function orderReadScope(): OrderReadScope {
  const { identity } = currentContext();
  const sellerId = staffReadSellerId('ORDERS:VIEW');
  if (sellerId) return { sellerId };
  if (identity.roles.includes('BUYER')) return { buyerId: identity.userId };
  throw new AppError('FORBIDDEN', 'Orders are visible to their shop and their buyer only');
}
