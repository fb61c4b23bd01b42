import { Identity } from '@sc/auth';
import { createDataSource } from '@sc/db';
import { databaseUrlOf } from '@sc/stack';
import { TestStack, errorCodes, eventually, moveClock, newBuyer, newIdempotencyKey, newSeller, publishRaw, startTestStack, testEvent } from '@sc/testing';
import { rebuildDashboardRollups } from '../src/dashboard/rollup-rebuild';
import { SHIP_BY_SLA_MISSED } from '../src/fulfilment/cancel-unshipped-rest';
import { PUBLIC_HOLIDAYS } from '../src/order/policy/public-holidays';
import { announceLiveProduct, announceShop, reserveStock } from './support/catalog-feed';
import { CancellationRequestView, OrderView, orderCommands, orderEventsOf, orderEventsOfType, ordersCaller, stockEventsOf } from './support/order-flow';

// What the rest of an order does when part of it is cancelled (by the seller, or by the platform at the
// auto-cancel deadline of a partially shipped order): exact money, net sales, the stock events catalog
// releases from (each unit once); public holidays in deadlines; the region as a shop setting; and orders'
// own events redelivered. Orders runs alone: catalog's shops, products and reservations arrive as fixtures
// (support/catalog-feed.ts); catalog's ledger moving on these events is tested across services in
// gateway/test/flows/order-partial-cancellation.e2e-spec.ts.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('partial cancellation, holidays and shop region (orders, catalog events as fixtures, controlled clock)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const carrier: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };

  const call = ordersCaller(() => stack);
  const { mutate, ok } = orderCommands(call);

  const registerShop = (identity: Identity) => announceShop(stack, identity, { name: 'Partial shop', currencyCode: 'USD', timeZone: 'America/New_York' });

  /** A live SKU at 33.33 USD of `owner`'s shop, once orders' price read model has it. */
  async function createSku(owner: Identity = seller): Promise<string> {
    const { skuIds } = await announceLiveProduct(stack, owner, { title: 'Linen shirt', skus: [{ price: '3333' }] });
    return skuIds[0];
  }

  const ORDER_FIELDS = `id status region total { amountMinor } subtotal { amountMinor } shippingFee { amountMinor } sellerDiscount { amountMinor }
    paidAt shipByDeadline autoCancelAt unpaidExpiresAt deliveredAt completesAt cancelReason
    lines { id quantity cancelledQuantity shippedQuantity shippingFee { amountMinor } sellerDiscount { amountMinor } } packages { id status }`;

  const getOrder = async (id: string, identity: Identity = seller): Promise<OrderView> => {
    const result = await call<{ order: OrderView }>(identity, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.order;
  };

  /** An order placed by the buyer, once catalog (a fixture here) reserved its stock: UNPAID. */
  async function unpaidOrder(
    lines: Array<{ skuId: string; quantity: number }>,
    extra: Record<string, unknown> = {},
    shopOwner: Identity = seller,
  ): Promise<OrderView> {
    const placed = await mutate<{ id: string }>(buyer, 'placeOrder', 'PlaceOrderInput', { shopId: shopOwner.sellerId, lines, ...extra }, 'id');
    expect(placed.errors).toBeUndefined();
    const id = placed.data!.placeOrder.id;
    await reserveStock(stack, id);
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
    const pkg = await ok<{ id: string }>(seller, 'createPackage', 'CreatePackageInput', { orderId, lines }, 'id');
    await ok(seller, 'shipPackage', 'ShipPackageInput', { packageId: pkg.id, carrier: 'UPS', trackingNumber: `1Z${Date.now()}` }, 'status');
    return pkg.id;
  };

  /** GMV and net sales of the shop on one local day, through the dashboard query. */
  const salesOn = async (day: string) => {
    type Figures = { gmv: { amountMinor: string }; netSales: { amountMinor: string }; orders: number };
    const result = await call<{ _entities: Array<{ salesSummary: { current: Figures } }> }>(
      seller,
      `query($r: [_Any!]!, $range: SalesRangeInput!) { _entities(representations: $r) { ... on Shop {
      salesSummary(range: $range) { current { gmv { amountMinor } netSales { amountMinor } orders } } } } }`,
      { r: [{ __typename: 'Shop', id: seller.sellerId }], range: { preset: 'CUSTOM', from: day, to: day } },
    );
    expect(result.errors).toBeUndefined();
    const current = result.data!._entities[0].salesSummary.current;
    return { gmv: current.gmv.amountMinor, net: current.netSales.amountMinor, orders: current.orders };
  };
  const localDay = (at: string | null) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(at!));

  const dashboardRollups = async () =>
    (
      await (
        await stack.db('orders')
      ).query(`SELECT day::text, gmv_minor::text, net_minor::text, paid_orders FROM dashboard_daily_sales WHERE seller_id = $1 ORDER BY day`, [seller.sellerId])
    ).rows;

  beforeAll(async () => {
    stack = await startTestStack('partial', { subgraphs: ['orders'] });
    await registerShop(seller);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('takes cancelled lines out of the total and net sales exactly, keeps GMV, and never counts them twice', async () => {
    const [skuA, skuB] = [await createSku(), await createSku()];
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

    const [lineA, lineB] = order.lines;
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
    const [cancelled] = await orderEventsOfType(stack, order.id, 'order.lines_cancelled');
    expect(cancelled.payload).toMatchObject({
      cancelledAmount: { amountMinor: '6666', currencyCode: 'USD' },
      total: { amountMinor: '7166', currencyCode: 'USD' },
    });
    // Every line's new shares, so returns refunds from what the buyer now pays (not from the shares at placement).
    expect(cancelled.payload.lineShares).toEqual([
      {
        orderLineId: lineA.id,
        liveQuantity: 1,
        sellerDiscount: { amountMinor: '0', currencyCode: 'USD' },
        shippingFee: { amountMinor: '250', currencyCode: 'USD' },
      },
      {
        orderLineId: lineB.id,
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
    // What catalog releases the stock from: the 2 cancelled units, then whatever the order still holds; each once.
    const A = (quantity: number) => ({ orderLineId: lineA.id, skuId: skuA, quantity });
    const B = { orderLineId: lineB.id, skuId: skuB, quantity: 1 };
    expect(await stockEventsOf(stack, order.id)).toEqual([
      { type: 'order.placed', lines: [A(3), B] },
      { type: 'order.paid', lines: [A(3), B] },
      { type: 'order.lines_cancelled', reason: 'SELLER_FAULT: OUT_OF_STOCK', lines: [A(2)] },
      { type: 'order.cancelled', reason: 'SELLER_FAULT: OUT_OF_STOCK', cancelledBy: 'SELLER' },
    ]);

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
    const [skuA, skuB] = [await createSku(), await createSku()];
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
    const packed = await ok<{ id: string }>(
      seller,
      'createPackage',
      'CreatePackageInput',
      { orderId: order.id, lines: [{ orderLineId: lineB.id, quantity: 1 }] },
      'id',
    );
    expect((await getOrder(order.id)).status).toBe('PARTIALLY_SHIPPING');
    const facts = async () =>
      (
        await (
          await stack.db('orders')
        ).query(
          `SELECT total_minor::text AS total, cancelled_lines_minor::text AS lines FROM dashboard_order_facts WHERE order_id = $1 AND paid_at IS NOT NULL`,
          [order.id],
        )
      ).rows[0] as { total: string; lines: string } | undefined;
    expect(await eventually(facts, (f) => f !== undefined)).toEqual({ total: '10299', lines: '0' });
    const day = localDay(order.paidAt);
    const salesBefore = await salesOn(day);

    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(order.autoCancelAt!).getTime() - 1).toISOString() });
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
    const events = await orderEventsOf(stack, order.id);
    expect(events.filter((e) => e.type === 'order.cancelled')).toHaveLength(0);
    const linesCancelled = (await orderEventsOfType(stack, order.id, 'order.lines_cancelled')).map((e) => e.payload);
    expect(linesCancelled).toEqual([
      expect.objectContaining({
        reason: 'SELLER_FAULT: SHIP_BY_SLA_MISSED',
        lines: [{ orderLineId: lineB.id, skuId: skuB, quantity: 1 }],
        cancelledAmount: { amountMinor: '3333', currencyCode: 'USD' },
      }),
    ]);
    expect((await orderEventsOfType(stack, order.id, 'order.status_changed')).at(-1)!.payload).toMatchObject({
      from: 'PARTIALLY_SHIPPING',
      to: 'AWAITING_COLLECTION',
      actor: 'SYSTEM',
    });
    // What catalog moves the stock from: the 2 shipped units of A leave on hand, the 1 unit of B is released
    // once; the cancelled package never shipped, so it sells nothing.
    expect(await stockEventsOf(stack, order.id)).toEqual([
      { type: 'order.placed', lines: [expect.objectContaining({ skuId: skuA, quantity: 2 }), expect.objectContaining({ skuId: skuB, quantity: 1 })] },
      { type: 'order.paid', lines: [expect.objectContaining({ skuId: skuA, quantity: 2 }), expect.objectContaining({ skuId: skuB, quantity: 1 })] },
      { type: 'package.shipped', lines: [{ orderLineId: lineA.id, skuId: skuA, quantity: 2 }] },
      { type: 'order.lines_cancelled', reason: SHIP_BY_SLA_MISSED, lines: [{ orderLineId: lineB.id, skuId: skuB, quantity: 1 }] },
    ]);

    // The shipped part carries on to delivery; the cancelled package does not hold it back.
    await ok(carrier, 'markPackageInTransit', 'PackageCommandInput', { packageId: shipped }, 'status');
    await ok(carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: shipped }, 'status');
    expect((await getOrder(order.id)).status).toBe('DELIVERED');
    // The cancelled unit leaves net sales once; GMV keeps the paid amount.
    expect(await eventually(facts, (f) => f?.lines !== '0')).toEqual({ total: '10299', lines: '3333' });
    expect(await salesOn(day)).toEqual({ ...salesBefore, net: (BigInt(salesBefore.net) - 3333n).toString() });
  });

  it('delivers a partially shipped order whose shipped packages all arrived before the deadline, and completes it after the window', async () => {
    const [skuA, skuB] = [await createSku(), await createSku()];
    const order = await awaitingShipment([
      { skuId: skuA, quantity: 1 },
      { skuId: skuB, quantity: 1 },
    ]);
    const [lineA, lineB] = order.lines;
    const pkg = await ship(order.id, [{ orderLineId: lineA.id, quantity: 1 }]);
    await ok(carrier, 'markPackageInTransit', 'PackageCommandInput', { packageId: pkg }, 'status');
    await ok(carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: pkg }, 'status');
    expect((await getOrder(order.id)).status).toBe('PARTIALLY_SHIPPING');
    const deliveredAt = (await moveClock(stack.settings, 'orders', {})).now;

    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(order.autoCancelAt!).getTime() + 1).toISOString() });
    const after = await getOrder(order.id);
    expect(after).toMatchObject({
      status: 'DELIVERED',
      deliveredAt,
      total: { amountMinor: '3333' },
      lines: [{ cancelledQuantity: 0 }, { cancelledQuantity: 1 }],
    });
    expect(new Date(after.completesAt!).getTime() - new Date(deliveredAt).getTime()).toBe(14 * DAY);
    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(after.completesAt!).getTime() + 1).toISOString() });
    expect((await getOrder(order.id)).status).toBe('COMPLETED');
    // Catalog releases the unshipped unit of B (once) and sells the delivered one of A.
    expect((await stockEventsOf(stack, order.id)).slice(2)).toEqual([
      { type: 'package.shipped', lines: [{ orderLineId: lineA.id, skuId: skuA, quantity: 1 }] },
      { type: 'order.lines_cancelled', reason: SHIP_BY_SLA_MISSED, lines: [{ orderLineId: lineB.id, skuId: skuB, quantity: 1 }] },
    ]);
  });

  it("redelivered order events change orders' own dashboard not at all", async () => {
    const { id } = partialOrder;
    const ordersDb = await stack.db('orders');
    // The order's own dashboard fact (other orders may share its day's figures).
    const fact = async () => (await ordersDb.query('SELECT * FROM dashboard_order_facts WHERE order_id = $1', [id])).rows[0];
    const before = await fact();
    const events = await orderEventsOf(stack, id);
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
    await eventually(
      async () => (await ordersDb.query('SELECT 1 FROM inbox WHERE event_id = $1', [marker.id])).rowCount,
      (n) => n === 1,
    );
    expect(await fact()).toEqual(before);
  });

  it('lets the buyer ask to cancel some lines: held from packing and shipping until answered, then cancelled once by the seller or at 24 h', async () => {
    const [skuA, skuB, skuC, skuD] = [await createSku(), await createSku(), await createSku(), await createSku()];
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
    type RequestView = Pick<OrderView, 'id' | 'status' | 'total' | 'hasOpenCancellation'> & {
      lines: Array<{ cancelledQuantity: number }>;
      cancellationRequests: CancellationRequestView[];
    };
    const requested = await ok<RequestView>(
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
    const pkg = await ok<{ id: string }>(
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

    const approved = await ok<RequestView>(
      seller,
      'approveCancellation',
      'CancellationDecisionInput',
      { cancellationId: requested.cancellationRequests[0].id },
      REQUEST,
    );
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
    const firstEvents = (await orderEventsOfType(stack, order.id, 'order.lines_cancelled')).map((e) => e.payload);
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
    const pending = await ok<RequestView>(
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
    const after = await call<{ order: RequestView }>(seller, `query($id: ID!) { order(id: $id) { ${REQUEST} } }`, { id: other.id });
    expect(after.data!.order).toMatchObject({
      status: 'AWAITING_SHIPMENT',
      total: { amountMinor: '6666' },
      hasOpenCancellation: false,
      lines: [{ cancelledQuantity: 0 }, { cancelledQuantity: 1 }],
      cancellationRequests: [{ id: pending.cancellationRequests[0].id, status: 'CANCELLATION_REQUEST_SUCCESS' }],
    });
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    const otherEvents = (await orderEventsOfType(stack, other.id, 'order.lines_cancelled')).map((e) => e.payload);
    expect(otherEvents).toEqual([
      expect.objectContaining({ reason: 'BUYER_REQUEST_AUTO_APPROVED: Not needed', lines: [{ orderLineId: lineD.id, skuId: skuD, quantity: 1 }] }),
    ]);
    // What catalog moves the stock from: for the first order, the 2 units the seller let go are released and
    // the shipped package sells 1 unit of A and 1 of B; for the other, D's unit is released once (at 24 h).
    expect((await stockEventsOf(stack, order.id)).slice(2)).toEqual([
      { type: 'order.lines_cancelled', reason: 'BUYER_REQUEST: Ordered too many', lines: [{ orderLineId: lineA.id, skuId: skuA, quantity: 2 }] },
      {
        type: 'package.shipped',
        lines: [
          { orderLineId: lineA.id, skuId: skuA, quantity: 1 },
          { orderLineId: lineB.id, skuId: skuB, quantity: 1 },
        ],
      },
    ]);
    expect((await stockEventsOf(stack, other.id)).slice(2)).toEqual([
      { type: 'order.lines_cancelled', reason: 'BUYER_REQUEST_AUTO_APPROVED: Not needed', lines: [{ orderLineId: lineD.id, skuId: skuD, quantity: 1 }] },
    ]);
  });

  it('refuses bad input to requestLineCancellation (and shipping while a request waits) with a typed error and writes nothing', async () => {
    const skuId = await createSku();
    const order = await awaitingShipment([
      { skuId, quantity: 2 },
      { skuId, quantity: 1 },
    ]);
    const unpaid = await unpaidOrder([{ skuId, quantity: 1 }]);
    const held = await awaitingShipment([{ skuId, quantity: 2 }]);
    const heldPackage = await ok<{ id: string }>(
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
    const skuId = await createSku();
    // The next US federal holiday from Tuesday to Friday, so the day before is a business day.
    const now = new Date((await moveClock(stack.settings, 'orders', {})).now);
    const holiday = PUBLIC_HOLIDAYS.US.find(
      (d) => new Date(`${d}T15:00:00Z`).getTime() > now.getTime() + 2 * DAY && [2, 3, 4, 5].includes(new Date(`${d}T12:00:00Z`).getUTCDay()),
    );
    expect(holiday).toBeDefined();
    const dayBefore = new Date(new Date(`${holiday}T15:00:00Z`).getTime() - DAY); // 10:00 in New York
    await moveClock(stack.settings, 'orders', { setTo: dayBefore.toISOString() });
    const order = await unpaidOrder([{ skuId, quantity: 1 }]);
    const paid = await ok<{ paidAt: string; shipByDeadline: string }>(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id }, 'paidAt shipByDeadline');
    const span = (new Date(paid.shipByDeadline).getTime() - new Date(paid.paidAt).getTime()) / DAY;
    // 2 business days: the holiday does not count, so Tue/Wed holidays push the SLA one day, Thu/Fri ones over the weekend too.
    const weekday = new Date(`${holiday}T12:00:00Z`).getUTCDay();
    expect([holiday, span]).toEqual([holiday, weekday <= 3 ? 3 : 5]);
    expect(localDay(paid.shipByDeadline)).not.toBe(holiday);
  });

  describe('region as a shop setting', () => {
    const regionSeller = newSeller();
    const settingsOf = (identity: Identity, shopId = regionSeller.sellerId) =>
      call<{ _entities: Array<{ orderSettings: { region: string; regionIsDefault: boolean } }> }>(
        identity,
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { orderSettings { region regionIsDefault } } } }`,
        {
          r: [{ __typename: 'Shop', id: shopId }],
        },
      );
    const setRegion = (identity: Identity, input: Record<string, unknown>) =>
      mutate(identity, 'setShopRegion', 'SetShopRegionInput', input, 'region regionIsDefault');

    beforeAll(async () => {
      await registerShop(regionSeller);
    });

    it("defaults to US, lets the seller choose, and applies the shop's region over the deprecated placeOrder argument", async () => {
      const skuId = await createSku(regionSeller);
      expect((await settingsOf(regionSeller)).data!._entities[0].orderSettings).toEqual({ region: 'US', regionIsDefault: true });
      // Before a choice the deprecated argument still works.
      expect((await unpaidOrder([{ skuId, quantity: 1 }], { region: 'SG' }, regionSeller)).region).toBe('SG');

      const key = newIdempotencyKey();
      expect((await setRegion(regionSeller, { region: 'SG', idempotencyKey: key })).data).toEqual({ setShopRegion: { region: 'SG', regionIsDefault: false } });
      expect((await setRegion(regionSeller, { region: 'SG', idempotencyKey: key })).data).toEqual({ setShopRegion: { region: 'SG', regionIsDefault: false } });
      expect((await settingsOf(regionSeller)).data!._entities[0].orderSettings).toEqual({ region: 'SG', regionIsDefault: false });
      const order = await unpaidOrder([{ skuId, quantity: 1 }], { region: 'US' }, regionSeller);
      expect(order.region).toBe('SG');
      const now = new Date((await moveClock(stack.settings, 'orders', {})).now).getTime();
      expect(new Date(order.unpaidExpiresAt!).getTime() - now).toBe(24 * HOUR); // SG's unpaid window, not US's 48 h
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
