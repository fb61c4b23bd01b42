import { Identity } from '@sc/auth';
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
  startTestStack,
  waitForSellable,
  waitForShopInOrders,
} from '@sc/testing';
import { subgraphUrlOf } from '@sc/stack';
import { PUBLIC_HOLIDAYS } from '../src/order/policy/public-holidays';

// The order lifecycle over real Kafka and PostgreSQL with catalog reserving stock, on a controlled clock:
// every transition of the table, ON_HOLD masking, timers (each fires once) and the catalog ledger.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('order lifecycle (orders + catalog, controlled clock)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const carrier: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };

  const call = (service: 'catalog' | 'orders', identity: Identity, query: string, variables?: unknown) =>
    callSubgraph(subgraphUrlOf(stack.settings, service), stack.settings.internalSigningSecret, identity, query, variables);
  // Lifecycle calls go through the gateway, as clients make them; the list test calls the subgraph to count its SQL.
  const orders = (identity: Identity, query: string, variables?: unknown) =>
    callGateway(stack.gatewayUrl, stack.settings.authJwtSecret, identity, query, variables);

  /** A live (sellable) product's SKU at 33.33 USD, once orders' price read model has it. */
  async function createSku(stock: number): Promise<string> {
    const { skuIds } = await createLiveProduct((identity, query, variables) => call('catalog', identity, query, variables), seller, {
      title: 'Linen shirt',
      skus: [{ price: '3333', initialStock: stock }],
    });
    await waitForSellable(await stack.db('orders'), skuIds);
    return skuIds[0];
  }

  const ORDER_FIELDS = `id status cancelReason cancelledBy paidAt remorseEndsAt shipByDeadline autoCancelAt completesAt hasOpenCancellation
    total { amountMinor } recipient { masked name phone address } nextAction { action actor deadline }
    lines { id quantity cancelledQuantity shippedQuantity shippingFee { amountMinor } sellerDiscount { amountMinor } creatorId }
    packages { id status } cancellationRequests { id status }`;

  const getOrder = async (id: string, identity: Identity = seller) => {
    const result = await orders(identity, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id });
    expect(result.errors).toBeUndefined();
    return (result.data as any).order;
  };

  /** Runs a lifecycle mutation; returns the raw result. */
  const mutate = (identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') =>
    orders(identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });

  const ok = async (identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') => {
    const result = await mutate(identity, name, inputType, input, selection);
    expect(result.errors).toBeUndefined();
    return (result.data as any)[name];
  };

  /** Sets the shop's flat shipping fee per order (USD minor units). */
  const setShopShipping = (amountMinor: string) =>
    ok(seller, 'setShopShipping', 'SetShopShippingInput', { flatFee: { amountMinor, currencyCode: 'USD' } }, 'region');

  /** Places an order and waits for catalog's reservation (UNPAID). */
  async function unpaidOrder(lines: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}): Promise<any> {
    const placed = await orders(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { shopId: seller.sellerId, lines, idempotencyKey: newIdempotencyKey(), ...extra },
    });
    expect(placed.errors).toBeUndefined();
    const id = (placed.data as any).placeOrder.id;
    return eventually(
      () => getOrder(id),
      (o) => o.status === 'UNPAID',
    );
  }

  /** An order paid and past its remorse window. */
  async function awaitingShipment(lines: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}) {
    const order = await unpaidOrder(lines, extra);
    await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id });
    await moveClock(stack.settings, 'orders', { advanceMs: HOUR + 1 });
    return getOrder(order.id);
  }

  const outboxOf = async (orderId: string) =>
    (await (await stack.db('orders')).query(`SELECT event_type, envelope->'payload' AS payload FROM outbox WHERE message_key = $1 ORDER BY seq`, [orderId]))
      .rows as Array<{ event_type: string; payload: any }>;
  const level = async (skuId: string) =>
    (await (await stack.db('catalog')).query('SELECT on_hand, reserved, committed FROM inventory_levels WHERE sku_id = $1', [skuId])).rows[0];

  beforeAll(async () => {
    stack = await startTestStack('lifecycle', { subgraphs: ['catalog', 'orders'], gateway: true });
    const shop = await call(
      'catalog',
      seller,
      `mutation { registerShop(input: { name: "Lifecycle shop", currencyCode: "USD", timeZone: "America/New_York" }) { id } }`,
    );
    expect(shop.errors).toBeUndefined();
    await waitForShopInOrders(await stack.db('orders'), seller.sellerId!);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('walks every forward transition, hides the recipient while ON_HOLD, and moves stock reserve → commit → sell once', async () => {
    const [skuA, skuB] = [await createSku(10), await createSku(10)];
    const recipient = { name: 'Ada Lovelace', phone: '+1 555 0100', address: '1 Main St, Springfield' };
    // The shop's flat 5.00 shipping is split across the lines by their totals; there is no discount.
    await setShopShipping('500');
    const order = await unpaidOrder(
      [
        { skuId: skuA, quantity: 3 },
        { skuId: skuB, quantity: 1 },
      ],
      { recipient },
    );
    await setShopShipping('0');
    expect(order.total.amountMinor).toBe(String(4 * 3333 + 500));
    expect(order.lines.map((l: any) => l.shippingFee.amountMinor)).toEqual(['375', '125']);
    expect(order.lines.map((l: any) => l.sellerDiscount.amountMinor)).toEqual(['0', '0']);
    expect(order.nextAction).toMatchObject({ action: 'PAY', actor: 'BUYER' });

    const paid = await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id }, 'status recipient { masked name phone address }');
    expect(paid).toEqual({ status: 'ON_HOLD', recipient: { masked: true, name: null, phone: null, address: null } });
    const onHold = await getOrder(order.id);
    expect(onHold.nextAction).toEqual({ action: 'WAIT_REMORSE_WINDOW', actor: 'SYSTEM', deadline: onHold.remorseEndsAt });
    expect(new Date(onHold.remorseEndsAt).getTime() - new Date(onHold.paidAt).getTime()).toBe(HOUR);
    const packLines = (o: any, quantities: number[]) =>
      o.lines.map((l: any, i: number) => ({ orderLineId: l.id, quantity: quantities[i] })).filter((l: any) => l.quantity > 0);
    expect(errorCodes(await mutate(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: packLines(order, [1, 0]) }))).toEqual([
      'INVALID_TRANSITION',
    ]);

    expect((await moveClock(stack.settings, 'orders', { advanceMs: HOUR })).fired).toBeGreaterThanOrEqual(1);
    const released = await getOrder(order.id);
    expect(released).toMatchObject({ status: 'AWAITING_SHIPMENT', recipient: { masked: false, ...recipient } });
    expect(released.nextAction).toEqual({ action: 'SHIP', actor: 'SELLER_STAFF', deadline: released.shipByDeadline });
    await eventually(
      () => level(skuA),
      (l) => l.committed === 3,
    );

    const first = await ok(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: packLines(order, [2, 0]) }, 'id status');
    expect(first.status).toBe('CREATED');
    expect((await ok(seller, 'shipPackage', 'ShipPackageInput', { packageId: first.id, carrier: 'UPS', trackingNumber: '1Z999AA1' }, 'status')).status).toBe(
      'AWAITING_COLLECTION',
    );
    expect((await getOrder(order.id)).status).toBe('PARTIALLY_SHIPPING');
    const second = await ok(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: packLines(order, [1, 1]) }, 'id');
    await ok(seller, 'shipPackage', 'ShipPackageInput', { packageId: second.id, carrier: 'UPS', trackingNumber: '1Z999AA2' }, 'status');
    expect((await getOrder(order.id)).status).toBe('AWAITING_COLLECTION');

    await ok(carrier, 'markPackageInTransit', 'PackageCommandInput', { packageId: first.id }, 'status');
    expect((await getOrder(order.id)).status).toBe('IN_TRANSIT');
    await ok(carrier, 'markPackageInTransit', 'PackageCommandInput', { packageId: second.id }, 'status');
    await ok(carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: first.id }, 'status');
    expect((await getOrder(order.id)).status).toBe('IN_TRANSIT');
    await ok(carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: second.id }, 'status');
    const delivered = await getOrder(order.id);
    expect(delivered.status).toBe('DELIVERED');
    expect(delivered.nextAction).toEqual({ action: 'COMPLETE', actor: 'SYSTEM', deadline: delivered.completesAt });

    await moveClock(stack.settings, 'orders', { advanceMs: 14 * DAY - HOUR });
    expect((await getOrder(order.id)).status).toBe('DELIVERED');
    await moveClock(stack.settings, 'orders', { advanceMs: 2 * HOUR });
    expect((await getOrder(order.id)).status).toBe('COMPLETED');
    await moveClock(stack.settings, 'orders', { advanceMs: HOUR });

    const events = await outboxOf(order.id);
    const transitions = events.filter((e) => e.event_type === 'order.status_changed').map((e) => `${e.payload.from}>${e.payload.to}:${e.payload.actor}`);
    expect(transitions).toEqual([
      'PENDING>UNPAID:SYSTEM',
      'UNPAID>ON_HOLD:BUYER',
      'ON_HOLD>AWAITING_SHIPMENT:SYSTEM',
      'AWAITING_SHIPMENT>PARTIALLY_SHIPPING:SELLER_STAFF',
      'PARTIALLY_SHIPPING>AWAITING_COLLECTION:SELLER_STAFF',
      'AWAITING_COLLECTION>IN_TRANSIT:CARRIER',
      'IN_TRANSIT>DELIVERED:CARRIER',
      'DELIVERED>COMPLETED:SYSTEM',
    ]);
    expect(events.filter((e) => e.event_type === 'order.paid')).toHaveLength(1);
    expect(events.filter((e) => e.event_type === 'package.shipped').map((e) => e.payload.lines.map((l: any) => l.quantity))).toEqual([[2], [1, 1]]);
    const timers = (await (await stack.db('orders')).query('SELECT kind, fired_at FROM order_timers WHERE order_id = $1 ORDER BY kind', [order.id])).rows;
    // Every deadline has one timer and each fired once; the ones the order outran fired as no-ops.
    expect(timers.map((t: any) => [t.kind, t.fired_at !== null])).toEqual([
      ['AUTO_CANCEL', true],
      ['COMPLETE', true],
      ['REMORSE_END', true],
      ['UNPAID_EXPIRY', true],
    ]);
    expect(
      await eventually(
        () => level(skuA),
        (l) => l.on_hand === 7,
      ),
    ).toEqual({ on_hand: 7, reserved: 0, committed: 0 });
    expect(
      await eventually(
        () => level(skuB),
        (l) => l.on_hand === 9,
      ),
    ).toEqual({ on_hand: 9, reserved: 0, committed: 0 });
  });

  it('lets the buyer cancel during the remorse window and releases the stock once', async () => {
    const skuId = await createSku(5);
    const order = await unpaidOrder([{ skuId, quantity: 2 }]);
    await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id });
    const cancelled = await ok(buyer, 'cancelOrder', 'BuyerCancelOrderInput', { orderId: order.id, reason: 'Changed my mind' }, 'status cancelledBy');
    expect(cancelled).toEqual({ status: 'CANCELLED', cancelledBy: 'BUYER' });
    await moveClock(stack.settings, 'orders', { advanceMs: 2 * HOUR });
    expect((await getOrder(order.id)).status).toBe('CANCELLED');
    expect((await outboxOf(order.id)).filter((e) => e.event_type === 'order.cancelled')).toHaveLength(1);
    expect(
      await eventually(
        () => level(skuId),
        (l) => l.committed === 0 && l.reserved === 0,
      ),
    ).toEqual({ on_hand: 5, reserved: 0, committed: 0 });
  });

  it('expires an unpaid order once after the unpaid window', async () => {
    const skuId = await createSku(5);
    const order = await unpaidOrder([{ skuId, quantity: 1 }]);
    expect(new Date(order.nextAction.deadline).getTime() - new Date((await moveClock(stack.settings, 'orders', {})).now).getTime()).toBe(48 * HOUR);
    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(order.nextAction.deadline).getTime() - 1).toISOString() });
    expect((await getOrder(order.id)).status).toBe('UNPAID');
    await moveClock(stack.settings, 'orders', { advanceMs: 2 });
    expect(await getOrder(order.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'UNPAID_EXPIRED', cancelledBy: 'SYSTEM' });
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    expect((await outboxOf(order.id)).filter((e) => e.event_type === 'order.cancelled')).toHaveLength(1);
    expect(
      await eventually(
        () => level(skuId),
        (l) => l.reserved === 0,
      ),
    ).toMatchObject({ on_hand: 5, reserved: 0 });
  });

  it('auto-approves an unanswered cancellation request at 24 h, exactly once', async () => {
    const skuId = await createSku(5);
    const order = await awaitingShipment([{ skuId, quantity: 1 }]);
    expect(errorCodes(await mutate(buyer, 'cancelOrder', 'BuyerCancelOrderInput', { orderId: order.id, reason: 'Too late?' }))).toEqual(['INVALID_TRANSITION']);
    const requested = await ok(
      buyer,
      'requestCancellation',
      'BuyerCancelOrderInput',
      { orderId: order.id, reason: 'Found it cheaper' },
      'hasOpenCancellation nextAction { action actor deadline } cancellationRequests { id status respondBy requestedAt }',
    );
    expect(requested.hasOpenCancellation).toBe(true);
    const [request] = requested.cancellationRequests;
    expect(new Date(request.respondBy).getTime() - new Date(request.requestedAt).getTime()).toBe(24 * HOUR);
    expect(requested.nextAction).toEqual({ action: 'RESPOND_TO_CANCELLATION', actor: 'SELLER_STAFF', deadline: request.respondBy });
    expect(errorCodes(await mutate(buyer, 'requestCancellation', 'BuyerCancelOrderInput', { orderId: order.id, reason: 'again' }))).toEqual(['CONFLICT']);

    await moveClock(stack.settings, 'orders', { advanceMs: 24 * HOUR - 2 * 60_000 });
    expect((await getOrder(order.id)).status).toBe('AWAITING_SHIPMENT');
    await moveClock(stack.settings, 'orders', { advanceMs: 3 * 60_000 });
    const after = await getOrder(order.id);
    expect(after).toMatchObject({
      status: 'CANCELLED',
      cancelledBy: 'BUYER',
      hasOpenCancellation: false,
      cancellationRequests: [{ status: 'CANCELLATION_REQUEST_SUCCESS' }],
    });
    expect(errorCodes(await mutate(seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: request.id }))).toEqual([
      'INVALID_TRANSITION',
    ]);
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    expect((await outboxOf(order.id)).filter((e) => e.event_type === 'order.cancelled')).toHaveLength(1);
    expect(
      await eventually(
        () => level(skuId),
        (l) => l.committed === 0,
      ),
    ).toEqual({ on_hand: 5, reserved: 0, committed: 0 });
  });

  it('lets the seller reject then approve a request, cancel with a reason, and cancel single lines', async () => {
    const skuId = await createSku(20);
    const order = await awaitingShipment([{ skuId, quantity: 1 }]);
    const first = await ok(buyer, 'requestCancellation', 'BuyerCancelOrderInput', { orderId: order.id, reason: 'Oops' }, 'cancellationRequests { id }');
    const rejected = await ok(
      seller,
      'rejectCancellation',
      'RejectCancellationInput',
      { cancellationId: first.cancellationRequests[0].id, reason: 'Already packed' },
      'status hasOpenCancellation cancellationRequests { status }',
    );
    expect(rejected).toEqual({ status: 'AWAITING_SHIPMENT', hasOpenCancellation: false, cancellationRequests: [{ status: 'CANCELLATION_REQUEST_CANCEL' }] });
    const second = await ok(
      buyer,
      'requestCancellation',
      'BuyerCancelOrderInput',
      { orderId: order.id, reason: 'Please' },
      'cancellationRequests { id status }',
    );
    const pending = second.cancellationRequests.find((c: any) => c.status === 'CANCELLATION_REQUEST_PENDING');
    expect((await ok(seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: pending.id }, 'status')).status).toBe('CANCELLED');

    const other = await awaitingShipment([{ skuId, quantity: 1 }]);
    const sellerCancelled = await ok(
      seller,
      'sellerCancelOrder',
      'SellerCancelOrderInput',
      { orderId: other.id, reason: 'OUT_OF_STOCK' },
      'status cancelledBy cancelReason',
    );
    expect(sellerCancelled).toEqual({ status: 'CANCELLED', cancelledBy: 'SELLER', cancelReason: 'SELLER_FAULT: OUT_OF_STOCK' });

    const partial = await awaitingShipment([
      { skuId, quantity: 3 },
      { skuId, quantity: 2 },
    ]);
    const [lineA, lineB] = partial.lines;
    const afterLines = await ok(
      seller,
      'cancelOrderLines',
      'CancelOrderLinesInput',
      { orderId: partial.id, reason: 'OUT_OF_STOCK', lines: [{ orderLineId: lineA.id, quantity: 2 }] },
      'status lines { cancelledQuantity }',
    );
    expect(afterLines).toEqual({ status: 'AWAITING_SHIPMENT', lines: [{ cancelledQuantity: 2 }, { cancelledQuantity: 0 }] });
    const everything = await mutate(seller, 'cancelOrderLines', 'CancelOrderLinesInput', {
      orderId: partial.id,
      reason: 'OUT_OF_STOCK',
      lines: [
        { orderLineId: lineA.id, quantity: 1 },
        { orderLineId: lineB.id, quantity: 2 },
      ],
    });
    expect(errorCodes(everything)).toEqual(['VALIDATION_FAILED']);
    const events = await outboxOf(partial.id);
    expect(events.filter((e) => e.event_type === 'order.lines_cancelled').map((e) => e.payload.lines)).toEqual([
      [{ orderLineId: lineA.id, skuId, quantity: 2 }],
    ]);
    // 20 on hand; only the 3 live units of the partial order stay committed.
    expect(
      await eventually(
        () => level(skuId),
        (l) => l.committed === 3,
      ),
    ).toEqual({ on_hand: 20, reserved: 0, committed: 3 });
  });

  it('auto-cancels unshipped orders at their deadline, counting weekends only where the region says so', async () => {
    const skuId = await createSku(10);
    // Jump to the next Friday 15:00 UTC (10:00 in New York, 23:00 in Singapore) with no US holiday in the
    // next two weeks (holidays have their own test), so the spans below hold on any calendar date.
    const now = new Date((await moveClock(stack.settings, 'orders', {})).now);
    const friday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 15));
    const holidayWithin = (from: Date) =>
      Array.from({ length: 15 }, (_, d) => new Date(from.getTime() + d * DAY).toISOString().slice(0, 10)).some((day) => PUBLIC_HOLIDAYS.US.includes(day));
    while (friday.getUTCDay() !== 5 || holidayWithin(friday)) friday.setUTCDate(friday.getUTCDate() + 1);
    await moveClock(stack.settings, 'orders', { setTo: friday.toISOString() });
    const us = await unpaidOrder([{ skuId, quantity: 1 }]);
    const sg = await unpaidOrder([{ skuId, quantity: 1 }], { region: 'SG' });
    const usPaid = await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: us.id }, 'paidAt autoCancelAt shipByDeadline');
    const sgPaid = await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: sg.id }, 'paidAt autoCancelAt');
    const span = (o: any) => (new Date(o.autoCancelAt).getTime() - new Date(o.paidAt).getTime()) / DAY;
    expect(span(usPaid)).toBe(11); // 7 business days without Saturdays and Sundays: Friday → Tuesday after next
    expect(span(sgPaid)).toBe(3); // weekends count in SG: Friday → Monday
    expect((new Date(usPaid.shipByDeadline).getTime() - new Date(usPaid.paidAt).getTime()) / DAY).toBe(4);

    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(sgPaid.autoCancelAt).getTime() - 1).toISOString() });
    expect((await getOrder(sg.id)).status).toBe('AWAITING_SHIPMENT');
    await moveClock(stack.settings, 'orders', { advanceMs: 2 });
    expect(await getOrder(sg.id)).toMatchObject({ status: 'CANCELLED', cancelledBy: 'SYSTEM', cancelReason: 'SELLER_FAULT: SHIP_BY_SLA_MISSED' });
    expect((await getOrder(us.id)).status).toBe('AWAITING_SHIPMENT');
    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(usPaid.autoCancelAt).getTime() + 1).toISOString() });
    expect((await getOrder(us.id)).status).toBe('CANCELLED');
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    for (const id of [us.id, sg.id]) expect((await outboxOf(id)).filter((e) => e.event_type === 'order.cancelled')).toHaveLength(1);
    expect(
      await eventually(
        () => level(skuId),
        (l) => l.committed === 0,
      ),
    ).toEqual({ on_hand: 10, reserved: 0, committed: 0 });
  });

  it('refuses bad input to every lifecycle mutation with a typed error and writes nothing', async () => {
    const skuId = await createSku(10);
    const order = await awaitingShipment([{ skuId, quantity: 2 }]);
    const pkg = await ok(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1 }] }, 'id');
    const otherBuyer = newBuyer();
    const otherSeller = newSeller();
    const line = order.lines[0].id;
    const cases: Array<[string, Identity, string, string, Record<string, unknown>, string]> = [
      ['pay: malformed id', buyer, 'payOrder', 'OrderCommandInput', { orderId: 'nope' }, 'VALIDATION_FAILED'],
      ['pay: short key', buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id, idempotencyKey: 'k' }, 'VALIDATION_FAILED'],
      ['pay: unknown order', buyer, 'payOrder', 'OrderCommandInput', { orderId: 'ord_doesnotexist' }, 'NOT_FOUND'],
      ["pay: another buyer's order", otherBuyer, 'payOrder', 'OrderCommandInput', { orderId: order.id }, 'NOT_FOUND'],
      ['pay: already paid', buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id }, 'INVALID_TRANSITION'],
      ['pay: by the seller', seller, 'payOrder', 'OrderCommandInput', { orderId: order.id }, 'FORBIDDEN'],
      ['cancel: empty reason', buyer, 'cancelOrder', 'BuyerCancelOrderInput', { orderId: order.id, reason: ' ' }, 'VALIDATION_FAILED'],
      ['cancel: after the remorse window', buyer, 'cancelOrder', 'BuyerCancelOrderInput', { orderId: order.id, reason: 'late' }, 'INVALID_TRANSITION'],
      ['request: reason too long', buyer, 'requestCancellation', 'BuyerCancelOrderInput', { orderId: order.id, reason: 'x'.repeat(501) }, 'VALIDATION_FAILED'],
      ['request: unknown order', buyer, 'requestCancellation', 'BuyerCancelOrderInput', { orderId: 'ord_doesnotexist', reason: 'x' }, 'NOT_FOUND'],
      ['approve: malformed id', seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: 'pkg_1' }, 'VALIDATION_FAILED'],
      ['approve: unknown request', seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: 'ccr_doesnotexist' }, 'NOT_FOUND'],
      [
        'reject: empty reason',
        seller,
        'rejectCancellation',
        'RejectCancellationInput',
        { cancellationId: 'ccr_doesnotexist', reason: '' },
        'VALIDATION_FAILED',
      ],
      ['seller cancel: malformed id', seller, 'sellerCancelOrder', 'SellerCancelOrderInput', { orderId: '', reason: 'OTHER' }, 'VALIDATION_FAILED'],
      ["seller cancel: another shop's order", otherSeller, 'sellerCancelOrder', 'SellerCancelOrderInput', { orderId: order.id, reason: 'OTHER' }, 'NOT_FOUND'],
      [
        'cancel lines: zero quantity',
        seller,
        'cancelOrderLines',
        'CancelOrderLinesInput',
        { orderId: order.id, reason: 'OTHER', lines: [{ orderLineId: line, quantity: 0 }] },
        'VALIDATION_FAILED',
      ],
      [
        'cancel lines: repeated line',
        seller,
        'cancelOrderLines',
        'CancelOrderLinesInput',
        {
          orderId: order.id,
          reason: 'OTHER',
          lines: [
            { orderLineId: line, quantity: 1 },
            { orderLineId: line, quantity: 1 },
          ],
        },
        'VALIDATION_FAILED',
      ],
      [
        'cancel lines: packed units',
        seller,
        'cancelOrderLines',
        'CancelOrderLinesInput',
        { orderId: order.id, reason: 'OTHER', lines: [{ orderLineId: line, quantity: 2 }] },
        'VALIDATION_FAILED',
      ],
      [
        'cancel lines: unknown line',
        seller,
        'cancelOrderLines',
        'CancelOrderLinesInput',
        { orderId: order.id, reason: 'OTHER', lines: [{ orderLineId: 'oln_doesnotexist', quantity: 1 }] },
        'NOT_FOUND',
      ],
      ['pack: no lines', seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: [] }, 'VALIDATION_FAILED'],
      [
        'pack: more than is left',
        seller,
        'createPackage',
        'CreatePackageInput',
        { orderId: order.id, lines: [{ orderLineId: line, quantity: 2 }] },
        'VALIDATION_FAILED',
      ],
      [
        'ship: bad tracking number',
        seller,
        'shipPackage',
        'ShipPackageInput',
        { packageId: pkg.id, carrier: 'UPS', trackingNumber: '#!' },
        'VALIDATION_FAILED',
      ],
      ['ship: empty carrier', seller, 'shipPackage', 'ShipPackageInput', { packageId: pkg.id, carrier: '', trackingNumber: '1Z999' }, 'VALIDATION_FAILED'],
      [
        'ship: unknown package',
        seller,
        'shipPackage',
        'ShipPackageInput',
        { packageId: 'pkg_doesnotexist', carrier: 'UPS', trackingNumber: '1Z999' },
        'NOT_FOUND',
      ],
      ['scan: package not shipped', carrier, 'markPackageInTransit', 'PackageCommandInput', { packageId: pkg.id }, 'INVALID_TRANSITION'],
      ['scan: by the seller', seller, 'markPackageInTransit', 'PackageCommandInput', { packageId: pkg.id }, 'FORBIDDEN'],
      ['deliver: package not shipped', carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: pkg.id }, 'INVALID_TRANSITION'],
      ['deliver: malformed id', carrier, 'markPackageDelivered', 'PackageCommandInput', { packageId: 'x' }, 'VALIDATION_FAILED'],
      [
        'place: bad phone and attribution',
        buyer,
        'placeOrder',
        'PlaceOrderInput',
        {
          shopId: seller.sellerId,
          lines: [{ skuId, quantity: 1, creatorId: 'bad id!' }],
          recipient: { name: 'A', phone: 'call me', address: 'x' },
        },
        'VALIDATION_FAILED',
      ],
    ];
    const db = await stack.db('orders');
    const snapshot = async () =>
      (
        await db.query(
          `SELECT ${['orders', 'order_lines', 'packages', 'package_lines', 'cancellation_requests', 'order_timers', 'outbox', 'idempotency_keys']
            .map((t) => `(SELECT md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) FROM ${t} x) AS ${t}`)
            .join(', ')}`,
        )
      ).rows[0];
    const before = await snapshot();
    for (const [name, identity, mutation, inputType, input, code] of cases) {
      const result = await mutate(identity, mutation, inputType, input, 'id');
      expect([name, errorCodes(result)]).toEqual([name, [code]]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('replays a command for the same key and refuses the key with other input', async () => {
    const skuId = await createSku(5);
    const order = await unpaidOrder([{ skuId, quantity: 1 }]);
    const key = newIdempotencyKey();
    const first = await mutate(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id, idempotencyKey: key }, 'id status');
    const again = await mutate(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id, idempotencyKey: key }, 'id status');
    expect(again.data).toEqual(first.data);
    const other = await unpaidOrder([{ skuId, quantity: 1 }]);
    expect(errorCodes(await mutate(buyer, 'payOrder', 'OrderCommandInput', { orderId: other.id, idempotencyKey: key }))).toEqual(['IDEMPOTENCY_CONFLICT']);
    expect((await outboxOf(order.id)).filter((e) => e.event_type === 'order.paid')).toHaveLength(1);
  });

  it('filters the seller order list and resolves lines with a constant number of SQL statements', async () => {
    const shop = newSeller();
    const db = await stack.db('orders');
    const base = Date.UTC(2026, 0, 5, 12);
    const seeded = Array.from({ length: 200 }, (_, i) => ({
      id: `ord_seed${String(i).padStart(4, '0')}`,
      status: i % 2 ? 'AWAITING_SHIPMENT' : 'UNPAID',
      buyerId: i % 3 === 0 ? 'byr_regular' : `byr_${i}`,
      paidAt: i % 2 ? new Date(base + i * 60_000) : null,
      shipByAt: i % 2 ? new Date(base + i * HOUR) : null,
      skuId: i % 4 === 0 ? 'sku_seedx' : 'sku_seedy',
      openCancellation: i % 10 === 1 ? `ccr_seed${i}` : null,
    }));
    for (const o of seeded) {
      await db.query(
        `INSERT INTO orders (id, seller_id, buyer_id, status, currency_code, total_minor, subtotal_minor, paid_at, ship_by_at, open_cancellation_id) VALUES ($1, $2, $3, $4, 'USD', 100, 100, $5, $6, $7)`,
        [o.id, shop.sellerId, o.buyerId, o.status, o.paidAt, o.shipByAt, o.openCancellation],
      );
      await db.query(
        `INSERT INTO order_lines (id, order_id, seller_id, sku_id, product_id, quantity, unit_price_minor, line_total_minor, position) VALUES ($1, $2, $3, $4, 'prd_seed', 1, 100, 100, 0), ($5, $2, $3, 'sku_seedz', 'prd_seed', 1, 100, 100, 1)`,
        [`oln_a${o.id}`, o.id, shop.sellerId, o.skuId, `oln_b${o.id}`],
      );
    }
    const list = (first: number, filter: Record<string, unknown> = {}) =>
      call(
        'orders',
        shop,
        `query($r: [_Any!]!, $first: Int!, $filter: OrderListFilter) { _entities(representations: $r) { ... on Shop {
        orders(first: $first, filter: $filter) { pageInfo { hasNextPage } nodes { id lines { id quantity sku { id } product { id } } } } } } }`,
        { r: [{ __typename: 'Shop', id: shop.sellerId }], first, filter },
      );
    const ten = await list(10);
    const hundred = await list(100);
    expect(ten.errors).toBeUndefined();
    expect((hundred.data as any)._entities[0].orders.nodes).toHaveLength(100);
    expect((hundred.data as any)._entities[0].orders.nodes[0].lines).toHaveLength(2);
    expect(ten.extensions?.sqlStatements).toBe(hundred.extensions?.sqlStatements);
    expect(hundred.extensions?.sqlStatements).toBe(1); // the page and its lines in one statement

    const ids = async (filter: Record<string, unknown>) => {
      const result = await list(100, filter);
      expect(result.errors).toBeUndefined();
      return ((result.data as any)._entities[0].orders.nodes as Array<{ id: string }>).map((n) => n.id).sort();
    };
    const expected = (keep: (o: (typeof seeded)[number], i: number) => boolean) =>
      seeded
        .filter(keep)
        .map((o) => o.id)
        .sort()
        .slice(-100);
    expect(await ids({ statuses: ['UNPAID'], skuId: 'sku_seedx' })).toEqual(expected((o) => o.status === 'UNPAID' && o.skuId === 'sku_seedx'));
    expect(await ids({ buyerId: 'byr_regular', hasOpenCancellation: true })).toEqual(
      expected((o) => o.buyerId === 'byr_regular' && o.openCancellation !== null),
    );
    const paidFrom = new Date(base + 50 * 60_000).toISOString();
    const paidTo = new Date(base + 90 * 60_000).toISOString();
    expect(await ids({ paidFrom, paidTo })).toEqual(
      expected((o) => o.paidAt !== null && o.paidAt.toISOString() >= paidFrom && o.paidAt.toISOString() < paidTo),
    );
    const shipByBefore = new Date(base + 20 * HOUR).toISOString();
    expect(await ids({ shipByBefore })).toEqual(expected((o) => o.shipByAt !== null && o.shipByAt.toISOString() < shipByBefore));
    expect(errorCodes(await list(10, { paidFrom: paidTo, paidTo: paidFrom }))).toEqual(['VALIDATION_FAILED']);
  });
});
