import { Identity } from '@sc/auth';
import { TestStack, eventually, moveClock, newBuyer, newSeller, publishRaw, startTestStack, testEvent } from '@sc/testing';
import { flowOf } from './flow-support';

// Catalog's stock ledger when part of an order is cancelled (moved from services/orders/test, whose
// order-partial-cancellation spec keeps orders' side: money, net sales and the events it emits): units
// cancelled by the seller, by the platform at the auto-cancel deadline of a partially shipped order or on a
// buyer's request are released exactly once, shipped units are sold, and orders' real events redelivered
// to catalog change nothing again. Orders and catalog over real Kafka and PostgreSQL, orders' clock controlled.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;

describe('stock released by partial cancellations (orders + catalog, controlled clock)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const carrier: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };
  const flow = flowOf(() => stack);
  const { ok } = flow;

  type OrderLines = { id: string; autoCancelAt: string; lines: Array<{ id: string }> };
  const getOrder = async (id: string): Promise<OrderLines> => {
    const result = await flow.orders<{ order: OrderLines }>(seller, `query($id: ID!) { order(id: $id) { id autoCancelAt lines { id } } }`, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.order;
  };

  const createSku = (stock: number) => flow.createSku(seller, { stock, price: '3333' });
  const levelOf = (skuId: string, accept: Parameters<typeof flow.levelOnce>[2]) => flow.levelOnce(seller, skuId, accept);
  const releasesOf = (skuId: string) => flow.movementsOf(seller, skuId, 'RELEASE');

  /** An order paid (catalog committed its units) and past its remorse window. */
  async function awaitingShipment(lines: Array<{ skuId: string; quantity: number }>): Promise<OrderLines> {
    const placed = await ok<{ id: string }>(buyer, 'placeOrder', 'PlaceOrderInput', { shopId: seller.sellerId, lines }, 'id');
    expect(await flow.settled(seller, placed.id)).toEqual({ status: 'UNPAID', cancelReason: null });
    await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: placed.id });
    await moveClock(stack.settings, 'orders', { advanceMs: HOUR + 1 });
    return getOrder(placed.id);
  }

  const ship = async (orderId: string, lines: Array<{ orderLineId: string; quantity: number }>) => {
    const pkg = await ok<{ id: string }>(seller, 'createPackage', 'CreatePackageInput', { orderId, lines }, 'id');
    await ok(seller, 'shipPackage', 'ShipPackageInput', { packageId: pkg.id, carrier: 'UPS', trackingNumber: `1Z${Date.now()}` }, 'status');
    return pkg.id;
  };

  beforeAll(async () => {
    stack = await startTestStack('partialstock', { subgraphs: ['catalog', 'orders'] });
    await flow.registerShop(seller, { name: 'Partial shop', timeZone: 'America/New_York' });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('releases the lines the seller cancels, then the rest of the order, each unit once', async () => {
    const [skuA, skuB] = [await createSku(10), await createSku(10)];
    const order = await awaitingShipment([
      { skuId: skuA, quantity: 3 },
      { skuId: skuB, quantity: 1 },
    ]);
    expect(await levelOf(skuA, (l) => l.committed === 3)).toEqual({ onHand: 10, reserved: 0, committed: 3, available: 7 });
    const [lineA] = order.lines;
    await ok(seller, 'cancelOrderLines', 'CancelOrderLinesInput', {
      orderId: order.id,
      reason: 'OUT_OF_STOCK',
      lines: [{ orderLineId: lineA.id, quantity: 2 }],
    });
    expect(await levelOf(skuA, (l) => l.committed === 1)).toEqual({ onHand: 10, reserved: 0, committed: 1, available: 9 });

    await ok(seller, 'sellerCancelOrder', 'SellerCancelOrderInput', { orderId: order.id, reason: 'OUT_OF_STOCK' }, 'status');
    expect(await levelOf(skuA, (l) => l.committed === 0)).toEqual({ onHand: 10, reserved: 0, committed: 0, available: 10 });
    expect(await levelOf(skuB, (l) => l.committed === 0)).toEqual({ onHand: 10, reserved: 0, committed: 0, available: 10 });
    expect((await releasesOf(skuA)).map((m) => m.quantity).sort()).toEqual([1, 2]);
  });

  let partialOrder: { id: string; skuA: string; skuB: string };

  it('at the deadline of a partially shipped order releases the unshipped units once and sells the shipped ones', async () => {
    const [skuA, skuB] = [await createSku(10), await createSku(10)];
    const order = await awaitingShipment([
      { skuId: skuA, quantity: 2 },
      { skuId: skuB, quantity: 1 },
    ]);
    partialOrder = { id: order.id, skuA, skuB };
    const [lineA, lineB] = order.lines;
    await ship(order.id, [{ orderLineId: lineA.id, quantity: 2 }]);
    // Packed but never handed over: cancelled with its units.
    await ok(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: [{ orderLineId: lineB.id, quantity: 1 }] }, 'id');
    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(order.autoCancelAt).getTime() + 1).toISOString() });
    expect((await flow.orderStatus(seller, order.id)).status).toBe('AWAITING_COLLECTION');

    expect(await levelOf(skuB, (l) => l.committed === 0)).toEqual({ onHand: 10, reserved: 0, committed: 0, available: 10 });
    expect(await levelOf(skuA, (l) => l.onHand === 8)).toEqual({ onHand: 8, reserved: 0, committed: 0, available: 8 });
    expect(await releasesOf(skuB)).toHaveLength(1);
    expect(await releasesOf(skuA)).toHaveLength(0);
  });

  it('delivers a partially shipped order at the deadline with its unshipped unit released and the delivered one sold', async () => {
    const [skuA, skuB] = [await createSku(5), await createSku(5)];
    const order = await awaitingShipment([
      { skuId: skuA, quantity: 1 },
      { skuId: skuB, quantity: 1 },
    ]);
    const pkg = await ship(order.id, [{ orderLineId: order.lines[0].id, quantity: 1 }]);
    await ok(carrier, 'markPackageInTransit', 'PackageCommandInput', { packageId: pkg }, 'status');
    await ok(carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: pkg }, 'status');
    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(order.autoCancelAt).getTime() + 1).toISOString() });
    expect((await flow.orderStatus(seller, order.id)).status).toBe('DELIVERED');
    expect(await levelOf(skuB, (l) => l.committed === 0)).toMatchObject({ onHand: 5, committed: 0 });
    expect(await levelOf(skuA, (l) => l.onHand === 4)).toEqual({ onHand: 4, reserved: 0, committed: 0, available: 4 });
  });

  it("redelivered order events change catalog's stock and ledger once", async () => {
    const { id, skuA, skuB } = partialOrder;
    const stock = async () => ({ a: await flow.stockOf(seller, skuA), b: await flow.stockOf(seller, skuB) });
    const before = await stock();
    const events = await flow.orderEvents(id);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['order.placed', 'order.paid', 'package.shipped', 'order.lines_cancelled']));
    // Every event of the order twice more, then a marker on the same key (same partition, consumed after them).
    const marker = testEvent({
      type: 'order.lines_cancelled',
      source: 'orders',
      sellerId: seller.sellerId!,
      aggregateType: 'Order',
      aggregateId: id,
      actor: { type: 'SYSTEM', id: null },
      payload: { orderId: 'ord_marker', reason: 'marker', lines: [] },
    });
    await publishRaw(stack.settings, 'orders.order.v1', [...events, ...events]);
    await publishRaw(stack.settings, 'orders.order.v1', [marker]);
    const catalogDb = await stack.db('catalog');
    await eventually(
      async () => (await catalogDb.query('SELECT 1 FROM inbox WHERE event_id = $1', [marker.id])).rowCount,
      (n) => n === 1,
    );
    expect(await stock()).toEqual(before);
  });

  it("releases the units of a buyer's line cancellation once, approved by the seller or at 24 h, and sells what shipped", async () => {
    const [skuA, skuB, skuC, skuD] = [await createSku(10), await createSku(10), await createSku(10), await createSku(10)];
    type Requested = { cancellationRequests: Array<{ id: string }> };
    const order = await awaitingShipment([
      { skuId: skuA, quantity: 3 },
      { skuId: skuB, quantity: 1 },
    ]);
    const [lineA, lineB] = order.lines;
    const requested = await ok<Requested>(
      buyer,
      'requestLineCancellation',
      'RequestLineCancellationInput',
      { orderId: order.id, reason: 'Ordered too many', lines: [{ orderLineId: lineA.id, quantity: 2 }] },
      'cancellationRequests { id }',
    );
    await ok(seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: requested.cancellationRequests[0].id });
    await ship(order.id, [
      { orderLineId: lineA.id, quantity: 1 },
      { orderLineId: lineB.id, quantity: 1 },
    ]);
    expect(await levelOf(skuA, (l) => l.onHand === 9)).toEqual({ onHand: 9, reserved: 0, committed: 0, available: 9 });
    expect(await levelOf(skuB, (l) => l.onHand === 9)).toEqual({ onHand: 9, reserved: 0, committed: 0, available: 9 });
    expect((await releasesOf(skuA)).map((m) => m.quantity)).toEqual([2]);

    // Unanswered: approved by the platform at 24 h.
    const other = await awaitingShipment([
      { skuId: skuC, quantity: 2 },
      { skuId: skuD, quantity: 1 },
    ]);
    await ok(buyer, 'requestLineCancellation', 'RequestLineCancellationInput', {
      orderId: other.id,
      reason: 'Not needed',
      lines: [{ orderLineId: other.lines[1].id, quantity: 1 }],
    });
    await moveClock(stack.settings, 'orders', { advanceMs: 24 * HOUR + 60_000 });
    expect(await levelOf(skuD, (l) => l.committed === 0)).toEqual({ onHand: 10, reserved: 0, committed: 0, available: 10 });
    expect(await releasesOf(skuD)).toHaveLength(1);
    expect(await levelOf(skuC, (l) => l.committed === 2)).toEqual({ onHand: 10, reserved: 0, committed: 2, available: 8 });
  });
});
