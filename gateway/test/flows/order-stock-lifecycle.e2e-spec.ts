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

// Across services: catalog's real stock ledger follows orders' real lifecycle (through the gateway, real
// Kafka and PostgreSQL, orders on a controlled clock): reserve → commit on payment → sell on shipment, and
// every cancellation path releasing exactly once. Orders' own spec (services/orders/test/order-lifecycle)
// checks the same lifecycle alone, against the events it publishes; catalog's inventory spec checks the
// ledger against fixture events; this flow checks the two meet.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('stock follows the order lifecycle (catalog + orders + gateway, controlled clock)', () => {
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

  it('releases the stock of orders auto-cancelled at their ship-by deadline, once', async () => {
    // Deadline arithmetic (business days, weekends per region, holidays) is orders' own spec; here only the
    // ledger's answer to the cancellations matters.
    const skuId = await createSku(10);
    const us = await unpaidOrder([{ skuId, quantity: 1 }]);
    const sg = await unpaidOrder([{ skuId, quantity: 1 }], { region: 'SG' });
    const deadlines: number[] = [];
    for (const order of [us, sg]) {
      const paid = await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id }, 'autoCancelAt');
      deadlines.push(new Date(paid.autoCancelAt).getTime());
    }
    await moveClock(stack.settings, 'orders', { setTo: new Date(Math.max(...deadlines) + 1).toISOString() });
    for (const order of [us, sg]) expect(await getOrder(order.id)).toMatchObject({ status: 'CANCELLED', cancelledBy: 'SYSTEM' });
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    for (const id of [us.id, sg.id]) expect((await outboxOf(id)).filter((e) => e.event_type === 'order.cancelled')).toHaveLength(1);
    expect(
      await eventually(
        () => level(skuId),
        (l) => l.committed === 0 && l.reserved === 0,
      ),
    ).toEqual({ on_hand: 10, reserved: 0, committed: 0 });
  });
});
