import path from 'node:path';
import { Identity } from '@sc/auth';
import { findFreePort, startSubgraph, subgraphUrlOf } from '@sc/stack';
import { TestStack, callSubgraph, createLiveProduct, eventually, newBuyer, newIdempotencyKey, newSeller, startTestStack, waitForSellable } from '@sc/testing';

// ORDER_REMORSE_WINDOW_SECONDS on the system clock (as `npm start` runs it): a paid order leaves its
// hold through the ordinary timer path, and a production process refuses to start with the override.
describe('remorse window override (orders + catalog)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();

  const call = (service: 'catalog' | 'orders', identity: Identity, query: string, variables?: unknown) =>
    callSubgraph(subgraphUrlOf(stack.settings, service), stack.settings.internalSigningSecret, identity, query, variables);
  const getOrder = async (id: string) =>
    ((await call('orders', seller, `query($id: ID!) { order(id: $id) { status paidAt remorseEndsAt shipByDeadline } }`, { id })).data as any).order;

  beforeAll(async () => {
    stack = await startTestStack('remorse', { subgraphs: ['catalog', 'orders'], env: { ORDER_REMORSE_WINDOW_SECONDS: '0' } });
    const shop = await call(
      'catalog',
      seller,
      `mutation { registerShop(input: { name: "Remorse shop", currencyCode: "USD", timeZone: "America/New_York" }) { id } }`,
    );
    expect(shop.errors).toBeUndefined();
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('releases a paid order from ON_HOLD when the configured window ends, through the remorse timer', async () => {
    const { skuIds } = await createLiveProduct((identity, query, variables) => call('catalog', identity, query, variables), seller, {
      skus: [{ initialStock: 5 }],
    });
    await waitForSellable(await stack.db('orders'), skuIds);
    const placed = await call('orders', buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { shopId: seller.sellerId, lines: [{ skuId: skuIds[0], quantity: 1 }], idempotencyKey: newIdempotencyKey() },
    });
    const id = (placed.data as any).placeOrder.id;
    await eventually(
      () => getOrder(id),
      (o) => o.status === 'UNPAID',
    );

    const paid = await call('orders', buyer, `mutation($input: OrderCommandInput!) { payOrder(input: $input) { status } }`, {
      input: { orderId: id, idempotencyKey: newIdempotencyKey() },
    });
    expect(paid.errors).toBeUndefined();
    expect((paid.data as any).payOrder.status).toBe('ON_HOLD'); // payment itself still puts the order on hold

    const released = await eventually(
      () => getOrder(id),
      (o) => o.status !== 'ON_HOLD',
    );
    expect(released.status).toBe('AWAITING_SHIPMENT');
    expect(released.remorseEndsAt).toBe(released.paidAt);
    expect(new Date(released.shipByDeadline).getTime()).toBeGreaterThan(new Date(released.paidAt).getTime() + 24 * 3_600_000); // the SLA is untouched
    const timers = await (await stack.db('orders')).query(`SELECT due_at, fired_at FROM order_timers WHERE order_id = $1 AND kind = 'REMORSE_END'`, [id]);
    expect(timers.rows).toHaveLength(1);
    expect(timers.rows[0].due_at.toISOString()).toBe(released.paidAt);
    expect(timers.rows[0].fired_at).not.toBeNull();
  });

  it('refuses to start when NODE_ENV=production', async () => {
    const settings = {
      ...stack.settings,
      ports: { ...stack.settings.ports, orders: await findFreePort() },
      logDir: path.join(stack.settings.logDir, 'production'),
      env: { ...stack.settings.env, NODE_ENV: 'production', ORDER_REMORSE_WINDOW_SECONDS: '0' },
    };
    await expect(startSubgraph(settings, 'orders')).rejects.toThrow(
      /orders exited during start-up[\s\S]*ORDER_REMORSE_WINDOW_SECONDS is refused when NODE_ENV=production/,
    );
  });
});
