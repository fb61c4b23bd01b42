import { Identity } from '@sc/auth';
import { createDataSource } from '@sc/db';
import { EventEnvelope } from '@sc/events';
import { databaseUrlOf, subgraphUrlOf } from '@sc/stack';
import {
  TestStack,
  callGateway,
  callSubgraph,
  createLiveProduct,
  errorCodes,
  eventually,
  moveClock,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  publishRaw,
  startTestStack,
  testEvent,
  waitForSellable,
  waitForShopInOrders,
} from '@sc/testing';
import { rebuildDashboardRollups } from '../src/dashboard/rollup-rebuild';
import { PUBLIC_HOLIDAYS } from '../src/order/policy/public-holidays';

// What the rest of an order does when part of it is cancelled (by the seller, or by the platform at the
// auto-cancel deadline of a partially shipped order): exact money, net sales, stock released once; public
// holidays in deadlines; the region as a shop setting; and orders' real events redelivered to catalog.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('partial cancellation, holidays and shop region (orders + catalog, controlled clock)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const carrier: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };

  const call = (service: 'catalog' | 'orders', identity: Identity, query: string, variables?: unknown) =>
    callSubgraph(subgraphUrlOf(stack.settings, service), stack.settings.internalSigningSecret, identity, query, variables);
  const gateway = (identity: Identity, query: string, variables?: unknown) =>
    callGateway(stack.gatewayUrl, stack.settings.authJwtSecret, identity, query, variables);

  const registerShop = async (identity: Identity) => {
    const shop = await call(
      'catalog',
      identity,
      `mutation { registerShop(input: { name: "Partial shop", currencyCode: "USD", timeZone: "America/New_York" }) { id } }`,
    );
    expect(shop.errors).toBeUndefined();
    await waitForShopInOrders(await stack.db('orders'), identity.sellerId!);
  };

  /** A live SKU at 33.33 USD of `owner`'s shop, once orders' price read model has it. */
  async function createSku(stock: number, owner: Identity = seller): Promise<string> {
    const { skuIds } = await createLiveProduct((identity, query, variables) => call('catalog', identity, query, variables), owner, {
      title: 'Linen shirt',
      skus: [{ price: '3333', initialStock: stock }],
    });
    await waitForSellable(await stack.db('orders'), skuIds);
    return skuIds[0];
  }

  const ORDER_FIELDS = `id status region total { amountMinor } subtotal { amountMinor } shippingFee { amountMinor } sellerDiscount { amountMinor }
    paidAt shipByDeadline autoCancelAt unpaidExpiresAt deliveredAt completesAt cancelReason
    lines { id quantity cancelledQuantity shippedQuantity shippingFee { amountMinor } sellerDiscount { amountMinor } } packages { id status }`;

  const getOrder = async (id: string, identity: Identity = seller) => {
    const result = await gateway(identity, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id });
    expect(result.errors).toBeUndefined();
    return (result.data as any).order;
  };

  const mutate = (identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') =>
    gateway(identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });

  const ok = async (identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') => {
    const result = await mutate(identity, name, inputType, input, selection);
    expect(result.errors).toBeUndefined();
    return (result.data as any)[name];
  };

  async function unpaidOrder(
    lines: Array<{ skuId: string; quantity: number }>,
    extra: Record<string, unknown> = {},
    shopOwner: Identity = seller,
  ): Promise<any> {
    const placed = await gateway(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { shopId: shopOwner.sellerId, lines, idempotencyKey: newIdempotencyKey(), ...extra },
    });
    expect(placed.errors).toBeUndefined();
    const id = (placed.data as any).placeOrder.id;
    return eventually(
      () => getOrder(id, shopOwner),
      (o) => o.status === 'UNPAID',
    );
  }

  /**
   * An order paid and past its remorse window; with `shippingMinor`, placed while the shop charges that flat
   * shipping fee (the setting goes back to free shipping afterwards, so other tests' orders are unaffected).
   */
  async function awaitingShipment(lines: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}, shippingMinor?: string) {
    if (shippingMinor) await setShopShipping(shippingMinor);
    const order = await unpaidOrder(lines, extra);
    if (shippingMinor) await setShopShipping('0');
    await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id });
    await moveClock(stack.settings, 'orders', { advanceMs: HOUR + 1 });
    return getOrder(order.id);
  }

  /** Sets the shop's flat shipping fee per order (USD minor units). */
  const setShopShipping = (amountMinor: string) =>
    ok(seller, 'setShopShipping', 'SetShopShippingInput', { flatFee: { amountMinor, currencyCode: 'USD' } }, 'region');

  const ship = async (orderId: string, lines: Array<{ orderLineId: string; quantity: number }>) => {
    const pkg = await ok(seller, 'createPackage', 'CreatePackageInput', { orderId, lines }, 'id');
    await ok(seller, 'shipPackage', 'ShipPackageInput', { packageId: pkg.id, carrier: 'UPS', trackingNumber: `1Z${Date.now()}` }, 'status');
    return pkg.id as string;
  };

  const outboxOf = async (orderId: string) =>
    (
      await (
        await stack.db('orders')
      ).query(`SELECT event_type, envelope FROM outbox WHERE message_key = $1 AND topic = 'orders.order.v1' ORDER BY seq`, [orderId])
    ).rows as Array<{ event_type: string; envelope: EventEnvelope<any> }>;

  /** Catalog's stock of a SKU and its ledger, read through catalog's subgraph. */
  const stockOf = async (skuId: string) => {
    const result = await call(
      'catalog',
      seller,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Sku {
      inventory { onHand reserved committed available } stockMovements(first: 100) { nodes { id type quantity onHandDelta reservedDelta committedDelta } } } } }`,
      { r: [{ __typename: 'Sku', id: skuId }] },
    );
    expect(result.errors).toBeUndefined();
    const sku = (result.data as any)._entities[0];
    return { level: sku.inventory[0], movements: sku.stockMovements.nodes as Array<{ id: string; type: string }> };
  };

  /** GMV and net sales of the shop on one local day, through the dashboard query. */
  const salesOn = async (day: string) => {
    const result = await call(
      'orders',
      seller,
      `query($r: [_Any!]!, $range: SalesRangeInput!) { _entities(representations: $r) { ... on Shop {
      salesSummary(range: $range) { current { gmv { amountMinor } netSales { amountMinor } orders } } } } }`,
      { r: [{ __typename: 'Shop', id: seller.sellerId }], range: { preset: 'CUSTOM', from: day, to: day } },
    );
    expect(result.errors).toBeUndefined();
    const current = (result.data as any)._entities[0].salesSummary.current;
    return { gmv: current.gmv.amountMinor, net: current.netSales.amountMinor, orders: current.orders };
  };
  const localDay = (at: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(at));

  const dashboardRollups = async () =>
    (
      await (
        await stack.db('orders')
      ).query(`SELECT day::text, gmv_minor::text, net_minor::text, paid_orders FROM dashboard_daily_sales WHERE seller_id = $1 ORDER BY day`, [seller.sellerId])
    ).rows;

  beforeAll(async () => {
    stack = await startTestStack('partial', { subgraphs: ['catalog', 'orders'], gateway: true });
    await registerShop(seller);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('takes cancelled lines out of the total and net sales exactly, keeps GMV, and never counts them twice', async () => {
    const [skuA, skuB] = [await createSku(10), await createSku(10)];
    const order = await awaitingShipment(
      [
        { skuId: skuA, quantity: 3 },
        { skuId: skuB, quantity: 1 },
      ],
      {},
      '500',
    );
    expect(order.total.amountMinor).toBe('13832'); // 4 × 3333 + 500 shipping
    const day = localDay(order.paidAt);
    await eventually(
      () => salesOn(day),
      (s) => s.orders === 1,
    );

    const [lineA] = order.lines;
    const after = await ok(
      seller,
      'cancelOrderLines',
      'CancelOrderLinesInput',
      { orderId: order.id, reason: 'OUT_OF_STOCK', lines: [{ orderLineId: lineA.id, quantity: 2 }] },
      'status total { amountMinor } subtotal { amountMinor } shippingFee { amountMinor } sellerDiscount { amountMinor } lines { cancelledQuantity shippingFee { amountMinor } sellerDiscount { amountMinor } }',
    );
    // The 2 cancelled units leave with their 6666; the 500 fee stays with the order, re-split over 3333 and 3333.
    // (Discount re-splits are covered by money/line-cancellation.spec.ts until promotions put discounts on orders.)
    expect(after).toEqual({
      status: 'AWAITING_SHIPMENT',
      total: { amountMinor: '7166' },
      subtotal: { amountMinor: '6666' },
      shippingFee: { amountMinor: '500' },
      sellerDiscount: { amountMinor: '0' },
      lines: [
        { cancelledQuantity: 2, shippingFee: { amountMinor: '250' }, sellerDiscount: { amountMinor: '0' } },
        { cancelledQuantity: 0, shippingFee: { amountMinor: '250' }, sellerDiscount: { amountMinor: '0' } },
      ],
    });
    const [cancelled] = (await outboxOf(order.id)).filter((e) => e.event_type === 'order.lines_cancelled');
    expect(cancelled.envelope.payload).toMatchObject({
      cancelledAmount: { amountMinor: '6666', currencyCode: 'USD' },
      total: { amountMinor: '7166', currencyCode: 'USD' },
    });
    // Every line's new shares, so returns refunds from what the buyer now pays (not from the shares at placement).
    expect(cancelled.envelope.payload.lineShares).toEqual([
      {
        orderLineId: lineA.id,
        liveQuantity: 1,
        sellerDiscount: { amountMinor: '0', currencyCode: 'USD' },
        shippingFee: { amountMinor: '250', currencyCode: 'USD' },
      },
      {
        orderLineId: order.lines[1].id,
        liveQuantity: 1,
        sellerDiscount: { amountMinor: '0', currencyCode: 'USD' },
        shippingFee: { amountMinor: '250', currencyCode: 'USD' },
      },
    ]);
    expect(
      await eventually(
        () => salesOn(day),
        (s) => s.net === '7166',
      ),
    ).toEqual({ gmv: '13832', net: '7166', orders: 1 });

    // Then the rest: net sales end at zero, not below; GMV still counts the whole paid order.
    await ok(seller, 'sellerCancelOrder', 'SellerCancelOrderInput', { orderId: order.id, reason: 'OUT_OF_STOCK' }, 'status');
    expect(
      await eventually(
        () => salesOn(day),
        (s) => s.net === '0',
      ),
    ).toEqual({ gmv: '13832', net: '0', orders: 1 });
    expect(
      await eventually(
        () => stockOf(skuA),
        (s) => s.level.committed === 0,
      ),
    ).toMatchObject({ level: { onHand: 10, reserved: 0, committed: 0, available: 10 } });

    // A rebuild from the order facts gives exactly what the incremental handlers wrote.
    const incremental = await dashboardRollups();
    const dataSource = createDataSource({ url: databaseUrlOf(stack.settings, 'orders'), entities: [], migrations: [], applicationName: 'rebuild-test' });
    await dataSource.initialize();
    try {
      await dataSource.transaction((manager) => rebuildDashboardRollups(manager, seller.sellerId!));
    } finally {
      await dataSource.destroy();
    }
    expect(await dashboardRollups()).toEqual(incremental);
  });

  let partialOrder: { id: string; skuA: string; skuB: string };

  it('at the deadline cancels only the unshipped units of a partially shipped order, releases them once, and keeps the shipped part alive', async () => {
    const [skuA, skuB] = [await createSku(10), await createSku(10)];
    const order = await awaitingShipment(
      [
        { skuId: skuA, quantity: 2 },
        { skuId: skuB, quantity: 1 },
      ],
      {},
      '300',
    );
    partialOrder = { id: order.id, skuA, skuB };
    const [lineA, lineB] = order.lines;
    const shipped = await ship(order.id, [{ orderLineId: lineA.id, quantity: 2 }]);
    // Packed but never handed over: cancelled with its units.
    const packed = await ok(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: [{ orderLineId: lineB.id, quantity: 1 }] }, 'id');
    expect((await getOrder(order.id)).status).toBe('PARTIALLY_SHIPPING');
    const facts = async () =>
      (
        await (
          await stack.db('orders')
        ).query(
          `SELECT total_minor::text AS total, cancelled_lines_minor::text AS lines FROM dashboard_order_facts WHERE order_id = $1 AND paid_at IS NOT NULL`,
          [order.id],
        )
      ).rows[0];
    expect(await eventually(facts, (f) => f !== undefined)).toEqual({ total: '10299', lines: '0' });
    const day = localDay(order.paidAt);
    const salesBefore = await salesOn(day);

    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(order.autoCancelAt).getTime() - 1).toISOString() });
    expect((await getOrder(order.id)).status).toBe('PARTIALLY_SHIPPING');
    await moveClock(stack.settings, 'orders', { advanceMs: 2 });
    const after = await getOrder(order.id);
    expect(after).toMatchObject({
      status: 'AWAITING_COLLECTION',
      cancelReason: null,
      total: { amountMinor: '6966' }, // 2 × 3333 + the whole 300 fee
      subtotal: { amountMinor: '6666' },
      lines: [
        { cancelledQuantity: 0, shippedQuantity: 2, shippingFee: { amountMinor: '300' } },
        { cancelledQuantity: 1, shippedQuantity: 0, shippingFee: { amountMinor: '0' } },
      ],
    });
    expect(after.packages).toEqual(
      expect.arrayContaining([
        { id: shipped, status: 'AWAITING_COLLECTION' },
        { id: packed.id, status: 'CANCELLED' },
      ]),
    );
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    const events = await outboxOf(order.id);
    expect(events.filter((e) => e.event_type === 'order.cancelled')).toHaveLength(0);
    const linesCancelled = events.filter((e) => e.event_type === 'order.lines_cancelled').map((e) => e.envelope.payload);
    expect(linesCancelled).toEqual([
      expect.objectContaining({
        reason: 'SELLER_FAULT: SHIP_BY_SLA_MISSED',
        lines: [{ orderLineId: lineB.id, skuId: skuB, quantity: 1 }],
        cancelledAmount: { amountMinor: '3333', currencyCode: 'USD' },
      }),
    ]);
    expect(events.filter((e) => e.event_type === 'order.status_changed').at(-1)!.envelope.payload).toMatchObject({
      from: 'PARTIALLY_SHIPPING',
      to: 'AWAITING_COLLECTION',
      actor: 'SYSTEM',
    });

    expect(
      (
        await eventually(
          () => stockOf(skuB),
          (s) => s.level.committed === 0,
        )
      ).level,
    ).toEqual({ onHand: 10, reserved: 0, committed: 0, available: 10 });
    expect(
      (
        await eventually(
          () => stockOf(skuA),
          (s) => s.level.onHand === 8,
        )
      ).level,
    ).toEqual({ onHand: 8, reserved: 0, committed: 0, available: 8 });
    expect((await stockOf(skuB)).movements.filter((m) => m.type === 'RELEASE')).toHaveLength(1);

    // The shipped part carries on to delivery; the cancelled package does not hold it back.
    await ok(carrier, 'markPackageInTransit', 'PackageCommandInput', { packageId: shipped }, 'status');
    await ok(carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: shipped }, 'status');
    expect((await getOrder(order.id)).status).toBe('DELIVERED');
    // The cancelled unit leaves net sales once; GMV keeps the paid amount.
    expect(await eventually(facts, (f) => f.lines !== '0')).toEqual({ total: '10299', lines: '3333' });
    expect(await salesOn(day)).toEqual({ ...salesBefore, net: (BigInt(salesBefore.net) - 3333n).toString() });
  });

  it('delivers a partially shipped order whose shipped packages all arrived before the deadline, and completes it after the window', async () => {
    const [skuA, skuB] = [await createSku(5), await createSku(5)];
    const order = await awaitingShipment([
      { skuId: skuA, quantity: 1 },
      { skuId: skuB, quantity: 1 },
    ]);
    const pkg = await ship(order.id, [{ orderLineId: order.lines[0].id, quantity: 1 }]);
    await ok(carrier, 'markPackageInTransit', 'PackageCommandInput', { packageId: pkg }, 'status');
    await ok(carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: pkg }, 'status');
    expect((await getOrder(order.id)).status).toBe('PARTIALLY_SHIPPING');
    const deliveredAt = (await moveClock(stack.settings, 'orders', {})).now;

    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(order.autoCancelAt).getTime() + 1).toISOString() });
    const after = await getOrder(order.id);
    expect(after).toMatchObject({
      status: 'DELIVERED',
      deliveredAt,
      total: { amountMinor: '3333' },
      lines: [{ cancelledQuantity: 0 }, { cancelledQuantity: 1 }],
    });
    expect(new Date(after.completesAt).getTime() - new Date(deliveredAt).getTime()).toBe(14 * DAY);
    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(after.completesAt).getTime() + 1).toISOString() });
    expect((await getOrder(order.id)).status).toBe('COMPLETED');
    expect(
      (
        await eventually(
          () => stockOf(skuB),
          (s) => s.level.committed === 0,
        )
      ).level,
    ).toMatchObject({ onHand: 5, committed: 0 });
  });

  it("redelivered order events change catalog's stock and ledger once (and orders' own dashboard not at all)", async () => {
    const { id, skuA, skuB } = partialOrder;
    const ordersDb = await stack.db('orders');
    // The order's own dashboard fact (other orders may share its day's figures).
    const fact = async () => (await ordersDb.query('SELECT * FROM dashboard_order_facts WHERE order_id = $1', [id])).rows[0];
    const before = { a: await stockOf(skuA), b: await stockOf(skuB), fact: await fact() };
    const events = (await outboxOf(id)).map((e) => e.envelope);
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
    await eventually(
      async () => (await ordersDb.query('SELECT 1 FROM inbox WHERE event_id = $1', [marker.id])).rowCount,
      (n) => n === 1,
    );
    expect({ a: await stockOf(skuA), b: await stockOf(skuB), fact: await fact() }).toEqual(before);
  });

  it('lets the buyer ask to cancel some lines: held from packing and shipping until answered, then cancelled once by the seller or at 24 h', async () => {
    const [skuA, skuB, skuC, skuD] = [await createSku(10), await createSku(10), await createSku(10), await createSku(10)];
    const REQUEST =
      'id status total { amountMinor } hasOpenCancellation lines { cancelledQuantity } cancellationRequests { id status lines { orderLineId quantity } }';
    const order = await awaitingShipment(
      [
        { skuId: skuA, quantity: 3 },
        { skuId: skuB, quantity: 1 },
      ],
      {},
      '500',
    );
    const [lineA, lineB] = order.lines;
    const requested = await ok(
      buyer,
      'requestLineCancellation',
      'RequestLineCancellationInput',
      { orderId: order.id, reason: 'Ordered too many', lines: [{ orderLineId: lineA.id, quantity: 2 }] },
      REQUEST,
    );
    expect(requested).toMatchObject({
      status: 'AWAITING_SHIPMENT',
      hasOpenCancellation: true,
      cancellationRequests: [{ status: 'CANCELLATION_REQUEST_PENDING', lines: [{ orderLineId: lineA.id, quantity: 2 }] }],
    });
    // The requested units cannot be packed, nor can the order ship, until the seller answers.
    expect(
      errorCodes(await mutate(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: [{ orderLineId: lineA.id, quantity: 2 }] })),
    ).toEqual(['VALIDATION_FAILED']);
    expect(
      errorCodes(
        await mutate(seller, 'cancelOrderLines', 'CancelOrderLinesInput', {
          orderId: order.id,
          reason: 'OTHER',
          lines: [{ orderLineId: lineA.id, quantity: 2 }],
        }),
      ),
    ).toEqual(['VALIDATION_FAILED']);
    const pkg = await ok(
      seller,
      'createPackage',
      'CreatePackageInput',
      {
        orderId: order.id,
        lines: [
          { orderLineId: lineA.id, quantity: 1 },
          { orderLineId: lineB.id, quantity: 1 },
        ],
      },
      'id',
    );
    expect(errorCodes(await mutate(seller, 'shipPackage', 'ShipPackageInput', { packageId: pkg.id, carrier: 'UPS', trackingNumber: '1Z999HOLD' }))).toEqual([
      'CONFLICT',
    ]);

    const approved = await ok(seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: requested.cancellationRequests[0].id }, REQUEST);
    expect(approved).toMatchObject({
      status: 'AWAITING_SHIPMENT',
      total: { amountMinor: '7166' },
      hasOpenCancellation: false,
      lines: [{ cancelledQuantity: 2 }, { cancelledQuantity: 0 }],
      cancellationRequests: [{ status: 'CANCELLATION_REQUEST_SUCCESS' }],
    });
    expect((await ok(seller, 'shipPackage', 'ShipPackageInput', { packageId: pkg.id, carrier: 'UPS', trackingNumber: '1Z999HOLD' }, 'status')).status).toBe(
      'AWAITING_COLLECTION',
    );
    expect((await getOrder(order.id)).status).toBe('AWAITING_COLLECTION');
    const firstEvents = (await outboxOf(order.id)).filter((e) => e.event_type === 'order.lines_cancelled').map((e) => e.envelope.payload);
    expect(firstEvents).toEqual([
      expect.objectContaining({
        reason: 'BUYER_REQUEST: Ordered too many',
        lines: [{ orderLineId: lineA.id, skuId: skuA, quantity: 2 }],
        cancelledAmount: { amountMinor: '6666', currencyCode: 'USD' },
      }),
    ]);

    // Unanswered: approved by the platform at 24 h, exactly once.
    const other = await awaitingShipment([
      { skuId: skuC, quantity: 2 },
      { skuId: skuD, quantity: 1 },
    ]);
    const [, lineD] = other.lines;
    const pending = await ok(
      buyer,
      'requestLineCancellation',
      'RequestLineCancellationInput',
      { orderId: other.id, reason: 'Not needed', lines: [{ orderLineId: lineD.id, quantity: 1 }] },
      REQUEST,
    );
    expect(
      errorCodes(
        await mutate(buyer, 'requestLineCancellation', 'RequestLineCancellationInput', {
          orderId: other.id,
          reason: 'again',
          lines: [{ orderLineId: lineD.id, quantity: 1 }],
        }),
      ),
    ).toEqual(['CONFLICT']);
    await moveClock(stack.settings, 'orders', { advanceMs: 24 * HOUR - 2 * 60_000 });
    expect((await getOrder(other.id)).lines[1].cancelledQuantity).toBe(0);
    await moveClock(stack.settings, 'orders', { advanceMs: 3 * 60_000 });
    const after = await gateway(seller, `query($id: ID!) { order(id: $id) { ${REQUEST} } }`, { id: other.id });
    expect((after.data as any).order).toMatchObject({
      status: 'AWAITING_SHIPMENT',
      total: { amountMinor: '6666' },
      hasOpenCancellation: false,
      lines: [{ cancelledQuantity: 0 }, { cancelledQuantity: 1 }],
      cancellationRequests: [{ id: pending.cancellationRequests[0].id, status: 'CANCELLATION_REQUEST_SUCCESS' }],
    });
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    const otherEvents = (await outboxOf(other.id)).filter((e) => e.event_type === 'order.lines_cancelled').map((e) => e.envelope.payload);
    expect(otherEvents).toEqual([
      expect.objectContaining({ reason: 'BUYER_REQUEST_AUTO_APPROVED: Not needed', lines: [{ orderLineId: lineD.id, skuId: skuD, quantity: 1 }] }),
    ]);
    expect(
      (
        await eventually(
          () => stockOf(skuD),
          (s) => s.level.committed === 0,
        )
      ).level,
    ).toEqual({ onHand: 10, reserved: 0, committed: 0, available: 10 });
    expect((await stockOf(skuD)).movements.filter((m) => m.type === 'RELEASE')).toHaveLength(1);
    expect(
      (
        await eventually(
          () => stockOf(skuA),
          (s) => s.level.onHand === 9,
        )
      ).level,
    ).toEqual({ onHand: 9, reserved: 0, committed: 0, available: 9 });
  });

  it('refuses bad input to requestLineCancellation (and shipping while a request waits) with a typed error and writes nothing', async () => {
    const skuId = await createSku(10);
    const order = await awaitingShipment([
      { skuId, quantity: 2 },
      { skuId, quantity: 1 },
    ]);
    const unpaid = await unpaidOrder([{ skuId, quantity: 1 }]);
    const held = await awaitingShipment([{ skuId, quantity: 2 }]);
    const heldPackage = await ok(
      seller,
      'createPackage',
      'CreatePackageInput',
      { orderId: held.id, lines: [{ orderLineId: held.lines[0].id, quantity: 1 }] },
      'id',
    );
    await ok(buyer, 'requestLineCancellation', 'RequestLineCancellationInput', {
      orderId: held.id,
      reason: 'One is enough',
      lines: [{ orderLineId: held.lines[0].id, quantity: 1 }],
    });
    const [lineA, lineB] = order.lines;
    const request = (input: Record<string, unknown>) => ({ orderId: order.id, reason: 'Too many', lines: [{ orderLineId: lineA.id, quantity: 1 }], ...input });
    const cases: Array<[string, Identity, string, string, Record<string, unknown>, string]> = [
      ['malformed order id', buyer, 'requestLineCancellation', 'RequestLineCancellationInput', request({ orderId: 'nope' }), 'VALIDATION_FAILED'],
      ['no lines', buyer, 'requestLineCancellation', 'RequestLineCancellationInput', request({ lines: [] }), 'VALIDATION_FAILED'],
      [
        'zero quantity',
        buyer,
        'requestLineCancellation',
        'RequestLineCancellationInput',
        request({ lines: [{ orderLineId: lineA.id, quantity: 0 }] }),
        'VALIDATION_FAILED',
      ],
      [
        'repeated line',
        buyer,
        'requestLineCancellation',
        'RequestLineCancellationInput',
        request({
          lines: [
            { orderLineId: lineA.id, quantity: 1 },
            { orderLineId: lineA.id, quantity: 1 },
          ],
        }),
        'VALIDATION_FAILED',
      ],
      ['empty reason', buyer, 'requestLineCancellation', 'RequestLineCancellationInput', request({ reason: ' ' }), 'VALIDATION_FAILED'],
      ['short key', buyer, 'requestLineCancellation', 'RequestLineCancellationInput', request({ idempotencyKey: 'k' }), 'VALIDATION_FAILED'],
      [
        'more units than the line has',
        buyer,
        'requestLineCancellation',
        'RequestLineCancellationInput',
        request({ lines: [{ orderLineId: lineA.id, quantity: 3 }] }),
        'VALIDATION_FAILED',
      ],
      [
        'every unit',
        buyer,
        'requestLineCancellation',
        'RequestLineCancellationInput',
        request({
          lines: [
            { orderLineId: lineA.id, quantity: 2 },
            { orderLineId: lineB.id, quantity: 1 },
          ],
        }),
        'VALIDATION_FAILED',
      ],
      [
        'unknown line',
        buyer,
        'requestLineCancellation',
        'RequestLineCancellationInput',
        request({ lines: [{ orderLineId: 'oln_doesnotexist', quantity: 1 }] }),
        'NOT_FOUND',
      ],
      ['unknown order', buyer, 'requestLineCancellation', 'RequestLineCancellationInput', request({ orderId: 'ord_doesnotexist' }), 'NOT_FOUND'],
      ["another buyer's order", newBuyer(), 'requestLineCancellation', 'RequestLineCancellationInput', request({}), 'NOT_FOUND'],
      ['by the seller', seller, 'requestLineCancellation', 'RequestLineCancellationInput', request({}), 'FORBIDDEN'],
      [
        'unpaid order',
        buyer,
        'requestLineCancellation',
        'RequestLineCancellationInput',
        request({ orderId: unpaid.id, lines: [{ orderLineId: unpaid.lines[0].id, quantity: 1 }] }),
        'INVALID_TRANSITION',
      ],
      [
        'a request is already open',
        buyer,
        'requestLineCancellation',
        'RequestLineCancellationInput',
        request({ orderId: held.id, lines: [{ orderLineId: held.lines[0].id, quantity: 1 }] }),
        'CONFLICT',
      ],
      [
        'pack held units',
        seller,
        'createPackage',
        'CreatePackageInput',
        { orderId: held.id, lines: [{ orderLineId: held.lines[0].id, quantity: 1 }] },
        'VALIDATION_FAILED',
      ],
      [
        'ship while a request waits',
        seller,
        'shipPackage',
        'ShipPackageInput',
        { packageId: heldPackage.id, carrier: 'UPS', trackingNumber: '1Z999WAIT' },
        'CONFLICT',
      ],
    ];
    const db = await stack.db('orders');
    // The outbox by event ids only: the relay may still be marking earlier rows published.
    const snapshot = async () =>
      (
        await db.query(`SELECT ${['orders', 'order_lines', 'packages', 'package_lines', 'cancellation_requests', 'order_timers', 'idempotency_keys']
          .map((t) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM ${t} x) AS ${t}`)
          .join(', ')},
        (SELECT md5(coalesce(string_agg(event_id::text, ',' ORDER BY seq), '')) FROM outbox) AS outbox`)
      ).rows[0];
    const before = await snapshot();
    for (const [name, identity, mutation, inputType, input, code] of cases) {
      const result = await mutate(identity, mutation, inputType, input, 'id');
      expect([name, errorCodes(result)]).toEqual([name, [code]]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('skips a public holiday when counting business days to the ship-by deadline', async () => {
    const skuId = await createSku(5);
    // The next US federal holiday from Tuesday to Friday, so the day before is a business day.
    const now = new Date((await moveClock(stack.settings, 'orders', {})).now);
    const holiday = PUBLIC_HOLIDAYS.US.find(
      (d) => new Date(`${d}T15:00:00Z`).getTime() > now.getTime() + 2 * DAY && [2, 3, 4, 5].includes(new Date(`${d}T12:00:00Z`).getUTCDay()),
    );
    expect(holiday).toBeDefined();
    const dayBefore = new Date(new Date(`${holiday}T15:00:00Z`).getTime() - DAY); // 10:00 in New York
    await moveClock(stack.settings, 'orders', { setTo: dayBefore.toISOString() });
    const order = await unpaidOrder([{ skuId, quantity: 1 }]);
    const paid = await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id }, 'paidAt shipByDeadline');
    const span = (new Date(paid.shipByDeadline).getTime() - new Date(paid.paidAt).getTime()) / DAY;
    // 2 business days: the holiday does not count, so Tue/Wed holidays push the SLA one day, Thu/Fri ones over the weekend too.
    const weekday = new Date(`${holiday}T12:00:00Z`).getUTCDay();
    expect([holiday, span]).toEqual([holiday, weekday <= 3 ? 3 : 5]);
    expect(localDay(paid.shipByDeadline)).not.toBe(holiday);
  });

  describe('region as a shop setting', () => {
    const regionSeller = newSeller();
    const settingsOf = (identity: Identity, shopId = regionSeller.sellerId) =>
      call('orders', identity, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { orderSettings { region regionIsDefault } } } }`, {
        r: [{ __typename: 'Shop', id: shopId }],
      });
    const setRegion = (identity: Identity, input: Record<string, unknown>) =>
      mutate(identity, 'setShopRegion', 'SetShopRegionInput', input, 'region regionIsDefault');

    beforeAll(async () => {
      await registerShop(regionSeller);
    });

    it("defaults to US, lets the seller choose, and applies the shop's region over the deprecated placeOrder argument", async () => {
      const skuId = await createSku(5, regionSeller);
      expect(((await settingsOf(regionSeller)).data as any)._entities[0].orderSettings).toEqual({ region: 'US', regionIsDefault: true });
      // Before a choice the deprecated argument still works.
      expect((await unpaidOrder([{ skuId, quantity: 1 }], { region: 'SG' }, regionSeller)).region).toBe('SG');

      const key = newIdempotencyKey();
      expect((await setRegion(regionSeller, { region: 'SG', idempotencyKey: key })).data).toEqual({ setShopRegion: { region: 'SG', regionIsDefault: false } });
      expect((await setRegion(regionSeller, { region: 'SG', idempotencyKey: key })).data).toEqual({ setShopRegion: { region: 'SG', regionIsDefault: false } });
      expect(((await settingsOf(regionSeller)).data as any)._entities[0].orderSettings).toEqual({ region: 'SG', regionIsDefault: false });
      const order = await unpaidOrder([{ skuId, quantity: 1 }], { region: 'US' }, regionSeller);
      expect(order.region).toBe('SG');
      const now = new Date((await moveClock(stack.settings, 'orders', {})).now).getTime();
      expect(new Date(order.unpaidExpiresAt).getTime() - now).toBe(24 * HOUR); // SG's unpaid window, not US's 48 h
      expect((await unpaidOrder([{ skuId, quantity: 1 }], {}, regionSeller)).region).toBe('SG');
    });

    it('refuses bad input to setShopRegion with a typed error and writes nothing', async () => {
      const db = await stack.db('orders');
      const snapshot = async () =>
        (
          await db.query(
            `SELECT ${['shop_order_settings', 'idempotency_keys'].map((t) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM ${t} x) AS ${t}`).join(', ')}`,
          )
        ).rows[0];
      const usedKey = newIdempotencyKey();
      await setRegion(regionSeller, { region: 'SG', idempotencyKey: usedKey });
      const before = await snapshot();
      const cases: Array<[string, Identity, Record<string, unknown>, string]> = [
        ['short key', regionSeller, { region: 'US', idempotencyKey: 'k' }, 'VALIDATION_FAILED'],
        ['key reused with another region', regionSeller, { region: 'US', idempotencyKey: usedKey }, 'IDEMPOTENCY_CONFLICT'],
        ['by a buyer', buyer, { region: 'US' }, 'FORBIDDEN'],
        ['by a carrier', carrier, { region: 'US' }, 'FORBIDDEN'],
      ];
      for (const [name, identity, input, code] of cases) expect([name, errorCodes(await setRegion(identity, input))]).toEqual([name, [code]]);
      // A region the schema does not know never reaches the service.
      const unknown = await setRegion(regionSeller, { region: 'XX' });
      expect(unknown.data ?? null).toBeNull();
      expect(errorCodes(unknown)).toHaveLength(1);
      expect(errorCodes(await settingsOf(seller))).toEqual(['FORBIDDEN']);
      expect(await snapshot()).toEqual(before);
    });
  });
});
