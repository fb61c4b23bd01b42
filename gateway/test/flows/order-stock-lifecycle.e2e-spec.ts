import { Identity } from '@sc/auth';
import { TestStack, errorCodes, eventually, moveClock, newBuyer, newIdempotencyKey, newSeller, startTestStack, waitForShopInOrders } from '@sc/testing';
import { flowOf, orderPayloadsOf } from './flow-support';

// Across services: catalog's real stock ledger follows orders' real lifecycle (through the gateway, real
// Kafka and PostgreSQL, orders on a controlled clock): reserve → commit on payment → sell on shipment, and
// every cancellation path releasing exactly once. Orders' own spec (services/orders/test/order-lifecycle)
// checks the same lifecycle alone, against the events it publishes; catalog's inventory spec checks the
// ledger against fixture events; this flow checks the two meet.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `NextAction { action actor deadline }`. */
interface NextActionView {
  action: string;
  actor: string;
  deadline: string | null;
}

/** `Recipient { masked name phone address }`. */
interface RecipientView {
  masked: boolean;
  name: string | null;
  phone: string | null;
  address: string | null;
}

/** An order as ORDER_FIELDS selects it. */
interface LifecycleOrder {
  id: string;
  status: string;
  cancelReason: string | null;
  cancelledBy: string | null;
  paidAt: string | null;
  remorseEndsAt: string | null;
  shipByDeadline: string | null;
  autoCancelAt: string | null;
  completesAt: string | null;
  hasOpenCancellation: boolean;
  total: { amountMinor: string };
  recipient: RecipientView | null;
  nextAction: NextActionView | null;
  lines: Array<{
    id: string;
    quantity: number;
    cancelledQuantity: number;
    shippedQuantity: number;
    shippingFee: { amountMinor: string };
    sellerDiscount: { amountMinor: string };
    creatorId: string | null;
  }>;
  packages: Array<{ id: string; status: string }>;
  cancellationRequests: Array<{ id: string; status: string }>;
}

/** A row of catalog's inventory_levels. */
interface InventoryLevelRow {
  on_hand: number;
  reserved: number;
  committed: number;
}

describe('stock follows the order lifecycle (catalog + orders + gateway, controlled clock)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const carrier: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };

  const flow = flowOf(() => stack);
  // Lifecycle calls go through the gateway, as clients make them.
  const orders = flow.gateway;

  /** A live (sellable) product's SKU ("Linen shirt") at 33.33 USD, once orders' price read model has it. */
  const createSku = (stock: number): Promise<string> => flow.createSku(seller, { stock, price: '3333' });

  const ORDER_FIELDS = `id status cancelReason cancelledBy paidAt remorseEndsAt shipByDeadline autoCancelAt completesAt hasOpenCancellation
    total { amountMinor } recipient { masked name phone address } nextAction { action actor deadline }
    lines { id quantity cancelledQuantity shippedQuantity shippingFee { amountMinor } sellerDiscount { amountMinor } creatorId }
    packages { id status } cancellationRequests { id status }`;

  const getOrder = async (id: string, identity: Identity = seller) => {
    const result = await orders<{ order: LifecycleOrder | null }>(identity, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.order!;
  };

  /** Runs a lifecycle mutation; returns the raw result (`T`: the shape of the selection). */
  const mutate = <T = unknown>(identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') =>
    orders<Record<string, T>>(identity, `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} } }`, {
      input: { idempotencyKey: newIdempotencyKey(), ...input },
    });

  /** Runs a lifecycle mutation that must succeed; returns its answer (`T`: the shape of the selection). */
  const ok = async <T = unknown>(identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') => {
    const result = await mutate<T>(identity, name, inputType, input, selection);
    expect(result.errors).toBeUndefined();
    return result.data![name];
  };

  /** Sets the shop's flat shipping fee per order (USD minor units). */
  const setShopShipping = (amountMinor: string) =>
    ok<{ region: string }>(seller, 'setShopShipping', 'SetShopShippingInput', { flatFee: { amountMinor, currencyCode: 'USD' } }, 'region');

  /** Places an order and waits for catalog's reservation (UNPAID). */
  async function unpaidOrder(lines: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}): Promise<LifecycleOrder> {
    const placed = await orders<{ placeOrder: { id: string } }>(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { shopId: seller.sellerId, lines, idempotencyKey: newIdempotencyKey(), ...extra },
    });
    expect(placed.errors).toBeUndefined();
    const id = placed.data!.placeOrder.id;
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

  /** Every event orders appended to its outbox about the order, oldest first. */
  const outboxOf = flow.orderEvents;
  const level = async (skuId: string) =>
    (await (await stack.db('catalog')).query<InventoryLevelRow>('SELECT on_hand, reserved, committed FROM inventory_levels WHERE sku_id = $1', [skuId]))
      .rows[0];

  beforeAll(async () => {
    stack = await startTestStack('lifecycle', { subgraphs: ['catalog', 'orders'], gateway: true });
    const shop = await flow.catalog(
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
    expect(order.lines.map((l) => l.shippingFee.amountMinor)).toEqual(['375', '125']);
    expect(order.lines.map((l) => l.sellerDiscount.amountMinor)).toEqual(['0', '0']);
    expect(order.nextAction).toMatchObject({ action: 'PAY', actor: 'BUYER' });

    const paid = await ok<{ status: string; recipient: RecipientView | null }>(
      buyer,
      'payOrder',
      'OrderCommandInput',
      { orderId: order.id },
      'status recipient { masked name phone address }',
    );
    expect(paid).toEqual({ status: 'ON_HOLD', recipient: { masked: true, name: null, phone: null, address: null } });
    const onHold = await getOrder(order.id);
    expect(onHold.nextAction).toEqual({ action: 'WAIT_REMORSE_WINDOW', actor: 'SYSTEM', deadline: onHold.remorseEndsAt });
    expect(new Date(onHold.remorseEndsAt!).getTime() - new Date(onHold.paidAt!).getTime()).toBe(HOUR);
    const packLines = (o: LifecycleOrder, quantities: number[]) =>
      o.lines.map((l, i) => ({ orderLineId: l.id, quantity: quantities[i] })).filter((l) => l.quantity > 0);
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

    const first = await ok<{ id: string; status: string }>(
      seller,
      'createPackage',
      'CreatePackageInput',
      { orderId: order.id, lines: packLines(order, [2, 0]) },
      'id status',
    );
    expect(first.status).toBe('CREATED');
    expect(
      (await ok<{ status: string }>(seller, 'shipPackage', 'ShipPackageInput', { packageId: first.id, carrier: 'UPS', trackingNumber: '1Z999AA1' }, 'status'))
        .status,
    ).toBe('AWAITING_COLLECTION');
    expect((await getOrder(order.id)).status).toBe('PARTIALLY_SHIPPING');
    const second = await ok<{ id: string }>(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: packLines(order, [1, 1]) }, 'id');
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
    const transitions = orderPayloadsOf(events, 'order.status_changed').map((p) => `${p.from}>${p.to}:${p.actor}`);
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
    expect(events.filter((e) => e.type === 'order.paid')).toHaveLength(1);
    expect(orderPayloadsOf(events, 'package.shipped').map((p) => p.lines.map((l) => l.quantity))).toEqual([[2], [1, 1]]);
    const ordersDb = await stack.db('orders');
    const timers = (
      await ordersDb.query<{ kind: string; fired_at: Date | null }>('SELECT kind, fired_at FROM order_timers WHERE order_id = $1 ORDER BY kind', [order.id])
    ).rows;
    // Every deadline has one timer and each fired once; the ones the order outran fired as no-ops.
    expect(timers.map((t) => [t.kind, t.fired_at !== null])).toEqual([
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
    const cancelled = await ok<{ status: string; cancelledBy: string | null }>(
      buyer,
      'cancelOrder',
      'BuyerCancelOrderInput',
      { orderId: order.id, reason: 'Changed my mind' },
      'status cancelledBy',
    );
    expect(cancelled).toEqual({ status: 'CANCELLED', cancelledBy: 'BUYER' });
    await moveClock(stack.settings, 'orders', { advanceMs: 2 * HOUR });
    expect((await getOrder(order.id)).status).toBe('CANCELLED');
    expect((await outboxOf(order.id)).filter((e) => e.type === 'order.cancelled')).toHaveLength(1);
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
    expect(new Date(order.nextAction!.deadline!).getTime() - new Date((await moveClock(stack.settings, 'orders', {})).now).getTime()).toBe(48 * HOUR);
    await moveClock(stack.settings, 'orders', { setTo: new Date(new Date(order.nextAction!.deadline!).getTime() - 1).toISOString() });
    expect((await getOrder(order.id)).status).toBe('UNPAID');
    await moveClock(stack.settings, 'orders', { advanceMs: 2 });
    expect(await getOrder(order.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'UNPAID_EXPIRED', cancelledBy: 'SYSTEM' });
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    expect((await outboxOf(order.id)).filter((e) => e.type === 'order.cancelled')).toHaveLength(1);
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
    const requested = await ok<{
      hasOpenCancellation: boolean;
      nextAction: NextActionView | null;
      cancellationRequests: Array<{ id: string; status: string; respondBy: string; requestedAt: string }>;
    }>(
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
    expect((await outboxOf(order.id)).filter((e) => e.type === 'order.cancelled')).toHaveLength(1);
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
    const first = await ok<{ cancellationRequests: Array<{ id: string }> }>(
      buyer,
      'requestCancellation',
      'BuyerCancelOrderInput',
      { orderId: order.id, reason: 'Oops' },
      'cancellationRequests { id }',
    );
    const rejected = await ok<{ status: string; hasOpenCancellation: boolean; cancellationRequests: Array<{ status: string }> }>(
      seller,
      'rejectCancellation',
      'RejectCancellationInput',
      { cancellationId: first.cancellationRequests[0].id, reason: 'Already packed' },
      'status hasOpenCancellation cancellationRequests { status }',
    );
    expect(rejected).toEqual({ status: 'AWAITING_SHIPMENT', hasOpenCancellation: false, cancellationRequests: [{ status: 'CANCELLATION_REQUEST_CANCEL' }] });
    const second = await ok<{ cancellationRequests: Array<{ id: string; status: string }> }>(
      buyer,
      'requestCancellation',
      'BuyerCancelOrderInput',
      { orderId: order.id, reason: 'Please' },
      'cancellationRequests { id status }',
    );
    const pending = second.cancellationRequests.find((c) => c.status === 'CANCELLATION_REQUEST_PENDING')!;
    expect((await ok<{ status: string }>(seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: pending.id }, 'status')).status).toBe(
      'CANCELLED',
    );

    const other = await awaitingShipment([{ skuId, quantity: 1 }]);
    const sellerCancelled = await ok<{ status: string; cancelledBy: string | null; cancelReason: string | null }>(
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
    const afterLines = await ok<{ status: string; lines: Array<{ cancelledQuantity: number }> }>(
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
    expect(orderPayloadsOf(events, 'order.lines_cancelled').map((p) => p.lines)).toEqual([[{ orderLineId: lineA.id, skuId, quantity: 2 }]]);
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
      const paid = await ok<{ autoCancelAt: string | null }>(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id }, 'autoCancelAt');
      deadlines.push(new Date(paid.autoCancelAt!).getTime());
    }
    await moveClock(stack.settings, 'orders', { setTo: new Date(Math.max(...deadlines) + 1).toISOString() });
    for (const order of [us, sg]) expect(await getOrder(order.id)).toMatchObject({ status: 'CANCELLED', cancelledBy: 'SYSTEM' });
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    for (const id of [us.id, sg.id]) expect((await outboxOf(id)).filter((e) => e.type === 'order.cancelled')).toHaveLength(1);
    expect(
      await eventually(
        () => level(skuId),
        (l) => l.committed === 0 && l.reserved === 0,
      ),
    ).toEqual({ on_hand: 10, reserved: 0, committed: 0 });
  });
});
