import { TestStack, eventually, newBuyer, newSeller, startTestBroker, startTestStack, stopTestBroker } from '@sc/testing';
import { announceLiveProduct, announceShop, reserveStock } from './support/catalog-feed';
import { orderCommands, orderEventsOfType, ordersCaller } from './support/order-flow';

// Kafka goes away while buyers keep ordering: orders keeps every order and its events in its outbox, relays
// them once Kafka is back, and its consumer takes catalog's answers published after the broker returned
// (fixtures here, as catalog publishes them). The whole saga across the outage, catalog's ledger included,
// is gateway/test/flows/broker-outage.e2e-spec.ts.
describe('orders during a Kafka outage (catalog events as fixtures)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const call = ordersCaller(() => stack);
  const { mutate } = orderCommands(call);

  beforeAll(async () => {
    stack = await startTestStack('outage', { subgraphs: ['orders'] });
  });

  afterAll(async () => {
    startTestBroker();
    await stack?.dispose();
  });

  it("keeps every order placed while the broker is down, relays its events after it returns, and confirms the orders on catalog's answers", async () => {
    await announceShop(stack, seller, { name: 'Outage shop', currencyCode: 'USD', timeZone: 'UTC' });
    const {
      skuIds: [skuId],
    } = await announceLiveProduct(stack, seller, { title: 'Umbrella', skus: [{ sellerSku: 'UMB-1', price: '1500' }] });
    const ordersDb = await stack.db('orders');
    const unpublished = async (type?: string) =>
      (await ordersDb.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL AND ($1::text IS NULL OR event_type = $1)`, [type ?? null]))
        .rows[0].n as number;

    stopTestBroker();
    const orderIds: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const placed = await mutate(buyer, 'placeOrder', 'PlaceOrderInput', { shopId: seller.sellerId, lines: [{ skuId, quantity: 1 }] });
      expect(placed.errors).toBeUndefined();
      expect(placed.data!.placeOrder.status).toBe('PENDING');
      orderIds.push(placed.data!.placeOrder.id!);
    }
    expect(await unpublished('order.placed')).toBe(4);

    startTestBroker();
    // The relay catches up on its own: every order.placed reaches Kafka (and so catalog).
    expect(
      await eventually(
        () => unpublished('order.placed'),
        (n) => n === 0,
        90_000,
      ),
    ).toBe(0);
    // Catalog answers once the broker is back; orders' consumer has reconnected and confirms every order.
    for (const id of orderIds) await reserveStock(stack, id);
    const statuses = await eventually(
      async () => (await ordersDb.query(`SELECT status FROM orders WHERE id = ANY($1)`, [orderIds])).rows.map((r: { status: string }) => r.status),
      (s) => s.length === 4 && s.every((status) => status === 'UNPAID'),
      90_000,
    );
    expect(statuses).toEqual(['UNPAID', 'UNPAID', 'UNPAID', 'UNPAID']);
    for (const id of orderIds) expect(await orderEventsOfType(stack, id, 'order.confirmed')).toHaveLength(1);
    // The confirmations written when the orders became UNPAID are relayed right after; nothing stays behind.
    expect(await eventually(unpublished, (n) => n === 0)).toBe(0);
  });
});
