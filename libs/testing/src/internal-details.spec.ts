import { assertNoInternalDetails, internalDetailsIn } from './internal-details';

describe('internalDetailsIn', () => {
  it('finds service names, internal addresses, stack frames and SQL in errors', () => {
    const leaky = [
      { message: 'x', extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'orders' } },
      { message: '413: Payload Too Large', extensions: { code: 'INTERNAL_SERVER_ERROR', response: { url: 'http://127.0.0.1:4101/graphql' } } },
      { message: 'request to http://localhost:4102/graphql failed' },
      { message: 'Subgraph "orders" did not answer within 5000 ms' },
      { message: 'boom', extensions: { trace: 'at Resolver.placeOrder (/srv/dist/orders/main.js:10:5)' } },
      { message: 'value "3000000000" is out of range for type integer' },
      { message: 'INSERT INTO "orders" ("id") VALUES ($1)' },
    ];
    for (const error of leaky) expect(internalDetailsIn([error])).not.toEqual([]);
    expect(() => assertNoInternalDetails(leaky)).toThrow(/internal details/);
  });

  it('passes the errors clients are meant to get', () => {
    const clean = [
      {
        message: 'description: must be at most 10000 characters',
        extensions: { code: 'VALIDATION_FAILED', fields: [{ field: 'description', message: 'must be at most 10000 characters' }] },
      },
      {
        message: 'A service needed for this part of the answer did not answer in time; retry later',
        path: ['shop', 'promotions'],
        extensions: { code: 'SUBGRAPH_TIMEOUT' },
      },
      { message: 'Order ord_1 was not found', extensions: { code: 'NOT_FOUND', entity: 'Order', id: 'ord_1' } },
      { message: 'Select a category from the list', extensions: { code: 'VALIDATION_FAILED' } },
      { message: 'images[0]: must be an https URL (https://cdn.example/a.jpg)', extensions: { code: 'VALIDATION_FAILED' } },
      { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    ];
    expect(internalDetailsIn(clean)).toEqual([]);
    expect(() => assertNoInternalDetails(undefined)).not.toThrow();
  });
});
