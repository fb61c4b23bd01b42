import { GraphQLError } from 'graphql';
import { ProjectedOrderEntity } from '../projections/projected-order.entity';
import { MAX_AFTER_SALES_REQUESTS_PER_ORDER, assertBelowRequestLimit } from './after-sales-request-limit';

describe('after-sales request limit', () => {
  const order = { id: 'ord_a', status: 'DELIVERED' } as ProjectedOrderEntity;

  it('allows up to 5 requests per order', () => {
    expect(MAX_AFTER_SALES_REQUESTS_PER_ORDER).toBe(5);
    for (const existing of [0, 1, 4]) expect(() => assertBelowRequestLimit(order, existing)).not.toThrow();
  });

  it.each([5, 6])('refuses one more when the order has %i, with a typed reason', (existing) => {
    let error: GraphQLError | undefined;
    try {
      assertBelowRequestLimit(order, existing);
    } catch (e) {
      error = e as GraphQLError;
    }
    expect(error?.extensions).toEqual({
      code: 'INVALID_TRANSITION',
      entity: 'Order',
      from: 'DELIVERED',
      action: 'requestReturn',
      reason: 'AFTER_SALES_REQUEST_LIMIT',
      limit: 5,
    });
  });
});
