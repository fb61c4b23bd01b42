import { Identity } from '@sc/auth';
import { subgraphUrlOf } from '@sc/stack';
import { TestStack, callSubgraph, eventually, newBuyer, newIdempotencyKey, newSeller, startTestBroker, startTestStack, stopTestBroker } from '@sc/testing';

// Kafka goes away while buyers keep ordering: every order is kept, and its events flow once Kafka is back.
describe('orders during a Kafka outage', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const call = (service: 'catalog' | 'orders', identity: Identity, query: string, variables?: unknown) =>
    callSubgraph(subgraphUrlOf(stack.settings, service), stack.settings.internalSigningSecret, identity, query, variables);

  beforeAll(async () => {
    stack = await startTestStack('outage', { subgraphs: ['catalog', 'orders'] });
  });

  afterAll(async () => {
    startTestBroker();
    await stack?.dispose();
  });

  it('keeps every order placed while the broker is down and confirms them after it returns', async () => {
    await call('catalog', seller, `mutation { registerShop(input: { name: "Outage shop", currencyCode: "USD", timeZone: "UTC" }) { id } }`);
    const created = await call('catalog', seller, `mutation($input: CreateProductInput!) { createProduct(input: $input) { skus { id } } }`, {
      input: { title: 'Umbrella', idempotencyKey: newIdempotencyKey(), skus: [{ sellerSku: 'UMB-1', price: { amountMinor: '1500', currencyCode: 'USD' }, initialStock: 10 }] },
    });
    const skuId = (created.data as any).createProduct.skus[0].id;
    const ordersDb = await stack.db('orders');
    await eventually(async () => (await ordersDb.query('SELECT 1 FROM sku_prices WHERE sku_id = $1', [skuId])).rowCount, (n) => n === 1);

    stopTestBroker();
    const orderIds: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const placed = await call('orders', buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`, {
        input: { shopId: seller.sellerId, lines: [{ skuId, quantity: 1 }], idempotencyKey: newIdempotencyKey() },
      });
      expect(placed.errors).toBeUndefined();
      orderIds.push((placed.data as any).placeOrder.id);
    }
    const waiting = await ordersDb.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND event_type = 'order.placed'`);
    expect(waiting.rows[0].n).toBe(4);

    startTestBroker();
    const statuses = await eventually(
      async () => (await ordersDb.query(`SELECT status FROM orders WHERE id = ANY($1)`, [orderIds])).rows.map((r) => r.status),
      (s) => s.length === 4 && s.every((status) => status === 'UNPAID'),
      90_000,
    );
    expect(statuses).toEqual(['UNPAID', 'UNPAID', 'UNPAID', 'UNPAID']);
    const catalogDb = await stack.db('catalog');
    const level = await catalogDb.query('SELECT on_hand, reserved FROM inventory_levels WHERE sku_id = $1', [skuId]);
    expect(level.rows[0]).toEqual({ on_hand: 10, reserved: 4 });
    const unpublished = await ordersDb.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    expect(unpublished.rows[0].n).toBe(0);
  });
});
