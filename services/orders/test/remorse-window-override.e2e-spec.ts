import path from 'node:path';
import { findFreePort, startSubgraph } from '@sc/stack';
import { TestStack, eventually, newBuyer, newSeller, startTestStack } from '@sc/testing';
import { announceLiveProduct, announceShop } from './support/catalog-feed';
import { callOrders, orderMutationOk, placeReservedOrder } from './support/orders-subgraph';

// ORDER_REMORSE_WINDOW_SECONDS on the system clock (as `npm start` runs it): a paid order leaves its
// hold through the ordinary timer path, and a production process refuses to start with the override.
// Orders runs alone; catalog's shop, product and reservation arrive as fixtures (catalog-feed).
describe('remorse window override (orders, catalog events as fixtures)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();

  interface RemorseView {
    status: string;
    paidAt: string | null;
    remorseEndsAt: string | null;
    shipByDeadline: string | null;
  }
  const getOrder = async (id: string) => {
    const result = await callOrders<{ order: RemorseView }>(
      stack,
      seller,
      `query($id: ID!) { order(id: $id) { status paidAt remorseEndsAt shipByDeadline } }`,
      {
        id,
      },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.order;
  };

  beforeAll(async () => {
    stack = await startTestStack('remorse', { subgraphs: ['orders'], env: { ORDER_REMORSE_WINDOW_SECONDS: '0' } });
    await announceShop(stack, seller, { name: 'Remorse shop', currencyCode: 'USD', timeZone: 'America/New_York' });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('releases a paid order from ON_HOLD when the configured window ends, through the remorse timer', async () => {
    const { skuIds } = await announceLiveProduct(stack, seller);
    const id = await placeReservedOrder(stack, buyer, seller.sellerId!, [{ skuId: skuIds[0], quantity: 1 }]);

    const paid = await orderMutationOk<{ status: string }>(stack, buyer, 'payOrder', 'OrderCommandInput', { orderId: id }, 'status');
    expect(paid.status).toBe('ON_HOLD'); // payment itself still puts the order on hold

    const released = await eventually(
      () => getOrder(id),
      (o) => o.status !== 'ON_HOLD',
    );
    expect(released.status).toBe('AWAITING_SHIPMENT');
    expect(released.remorseEndsAt).toBe(released.paidAt);
    expect(new Date(released.shipByDeadline!).getTime()).toBeGreaterThan(new Date(released.paidAt!).getTime() + 24 * 3_600_000); // the SLA is untouched
    const timers = await (
      await stack.db('orders')
    ).query<{ due_at: Date; fired_at: Date | null }>(`SELECT due_at, fired_at FROM order_timers WHERE order_id = $1 AND kind = 'REMORSE_END'`, [id]);
    expect(timers.rows).toHaveLength(1);
    expect(timers.rows[0].due_at.toISOString()).toBe(released.paidAt);
    expect(timers.rows[0].fired_at).not.toBeNull();
  });

  it('refuses to start when NODE_ENV=production', async () => {
    const settings = {
      ...stack.settings,
      // Test stacks expose statement counts, which production refuses too: leave them off to see this refusal.
      exposeSqlStatementCount: false,
      ports: { ...stack.settings.ports, orders: await findFreePort() },
      logDir: path.join(stack.settings.logDir, 'production'),
      env: { ...stack.settings.env, NODE_ENV: 'production', ORDER_REMORSE_WINDOW_SECONDS: '0' },
    };
    await expect(startSubgraph(settings, 'orders')).rejects.toThrow(
      /orders exited during start-up[\s\S]*ORDER_REMORSE_WINDOW_SECONDS is refused when NODE_ENV=production/,
    );
  });
});
