import { TestStack, eventually, newBuyer, newSeller, startTestBroker, startTestStack, stopTestBroker } from '@sc/testing';
import { flowOf } from './flow-support';

// Kafka goes away while buyers keep ordering (moved from services/orders/test): every order is kept, and
// once Kafka is back the whole saga catches up across services — orders' outbox relays `order.placed`,
// catalog reserves in its real ledger, its answers confirm the orders, and the confirmations are relayed
// in turn. Orders' side alone (its outbox through the outage, catalog's answers as fixtures) is
// services/orders/test/broker-outage.e2e-spec.ts.
describe('orders and catalog during a Kafka outage', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const flow = flowOf(() => stack);

  beforeAll(async () => {
    stack = await startTestStack('outage', { subgraphs: ['catalog', 'orders'] });
  });

  afterAll(async () => {
    startTestBroker();
    await stack?.dispose();
  });

  it('keeps every order placed while the broker is down and confirms them after it returns', async () => {
    await flow.registerShop(seller, { name: 'Outage shop', timeZone: 'UTC' });
    const skuId = await flow.createSku(seller, { title: 'Umbrella', sellerSku: 'UMB-1', price: '1500', stock: 10 });
    const ordersDb = await stack.db('orders');

    stopTestBroker();
    const orderIds: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const placed = await flow.mutate(buyer, 'placeOrder', 'PlaceOrderInput', { shopId: seller.sellerId, lines: [{ skuId, quantity: 1 }] });
      expect(placed.errors).toBeUndefined();
      orderIds.push(placed.data!.placeOrder.id);
    }
    const waiting = await ordersDb.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND event_type = 'order.placed'`);
    expect(waiting.rows[0].n).toBe(4);

    startTestBroker();
    const statuses = await eventually(
      async () => (await ordersDb.query(`SELECT status FROM orders WHERE id = ANY($1)`, [orderIds])).rows.map((r: { status: string }) => r.status),
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
