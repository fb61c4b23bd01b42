import { Identity } from '@sc/auth';
import { subgraphUrlOf } from '@sc/stack';
import {
  TestStack,
  callSubgraph,
  createLiveProduct,
  eventually,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  startTestBroker,
  startTestStack,
  stopTestBroker,
  waitForSellable,
} from '@sc/testing';

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
    const {
      skuIds: [skuId],
    } = await createLiveProduct((identity, query, variables) => call('catalog', identity, query, variables), seller, {
      title: 'Umbrella',
      skus: [{ sellerSku: 'UMB-1', price: '1500', initialStock: 10 }],
    });
    const ordersDb = await stack.db('orders');
    await waitForSellable(ordersDb, [skuId]);

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
    // The confirmations written when the orders became UNPAID are relayed right after; nothing stays behind.
    const unpublished = async () => (await ordersDb.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`)).rows[0].n;
    expect(await eventually(unpublished, (n) => n === 0)).toBe(0);
  });
});
