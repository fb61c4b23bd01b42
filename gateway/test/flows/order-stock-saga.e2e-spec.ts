import { TestStack, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { flowOf } from './flow-support';

// The stock saga across services (moved from services/orders/test): orders' `order.placed` makes catalog
// reserve in its real ledger, and catalog's answer confirms or cancels the order, over real Kafka and
// PostgreSQL. Orders' side alone (catalog's answers as fixtures, placement refusals) is in
// services/orders/test/order-stock-saga.e2e-spec.ts.
describe('order stock saga (orders + catalog)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const flow = flowOf(() => stack);

  const placeOrder = (skuId: string, quantity: number) =>
    flow.mutate<{ id: string; status: string; total: { amountMinor: string; currencyCode: string } }>(
      buyer,
      'placeOrder',
      'PlaceOrderInput',
      { shopId: seller.sellerId, lines: [{ skuId, quantity }], idempotencyKey: newIdempotencyKey() },
      'id status total { amountMinor currencyCode }',
    );

  beforeAll(async () => {
    stack = await startTestStack('saga', { subgraphs: ['catalog', 'orders'] });
    await flow.registerShop(seller, { name: 'Saga shop', timeZone: 'America/New_York' });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('confirms an order once catalog has reserved its stock', async () => {
    const skuId = await flow.createSku(seller, { stock: 5, price: '2500' });
    const placed = await placeOrder(skuId, 2);
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    expect(order).toMatchObject({ status: 'PENDING', total: { amountMinor: '5000', currencyCode: 'USD' } });

    expect(await flow.settled(seller, order.id)).toEqual({ status: 'UNPAID', cancelReason: null });
    const catalogDb = await stack.db('catalog');
    const level = await catalogDb.query('SELECT on_hand, reserved FROM inventory_levels WHERE sku_id = $1', [skuId]);
    expect(level.rows[0]).toEqual({ on_hand: 5, reserved: 2 });
  });

  it('with stock 1 and two concurrent orders confirms exactly one and cancels the other for INSUFFICIENT_STOCK', async () => {
    const skuId = await flow.createSku(seller, { stock: 1, price: '2500' });
    const [a, b] = await Promise.all([placeOrder(skuId, 1), placeOrder(skuId, 1)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    const outcomes = await Promise.all([a, b].map((r) => flow.settled(seller, r.data!.placeOrder.id)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['CANCELLED', 'UNPAID']);
    expect(outcomes.find((o) => o.status === 'CANCELLED')!.cancelReason).toBe('INSUFFICIENT_STOCK');
    const catalogDb = await stack.db('catalog');
    const level = await catalogDb.query('SELECT on_hand, reserved FROM inventory_levels WHERE sku_id = $1', [skuId]);
    expect(level.rows[0]).toEqual({ on_hand: 1, reserved: 1 });
  });
});
