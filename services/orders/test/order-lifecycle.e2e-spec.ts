import { Identity } from '@sc/auth';
import { TestStack, errorCodes, moveClock, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { PUBLIC_HOLIDAYS } from '../src/order/policy/public-holidays';
import { announceLiveProduct, announceShop } from './support/catalog-feed';
import {
  CancellationRequestView,
  CancellationStatus,
  MoneyView,
  NextActionView,
  OrderEventType,
  OrderStatus,
  RecipientView,
  ShopEntities,
  callOrders,
  orderMutation,
  orderMutationOk,
  orderOutbox,
  payloadsOf,
  placeReservedOrder,
} from './support/orders-subgraph';

// The order lifecycle of the orders subgraph over real Kafka and PostgreSQL, on a controlled clock: every
// transition of the table, ON_HOLD masking, timers (each fires once) and the events that move catalog's stock.
// Orders runs alone: catalog's shop, products and reservations arrive as fixtures (support/catalog-feed), and
// what catalog does with orders' events (reserve, commit, sell, release) is asserted here as those events in
// orders' outbox; the ledger itself moves across services, in gateway/test.
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** An order as `ORDER_FIELDS` selects it. */
interface LifecycleOrder {
  id: string;
  status: OrderStatus;
  cancelReason: string | null;
  cancelledBy: string | null;
  paidAt: string | null;
  remorseEndsAt: string | null;
  shipByDeadline: string | null;
  autoCancelAt: string | null;
  completesAt: string | null;
  hasOpenCancellation: boolean;
  total: MoneyView;
  recipient: RecipientView | null;
  nextAction: NextActionView | null;
  lines: Array<{
    id: string;
    quantity: number;
    cancelledQuantity: number;
    shippedQuantity: number;
    shippingFee: MoneyView;
    sellerDiscount: MoneyView;
    creatorId: string | null;
  }>;
  packages: Array<{ id: string; status: string }>;
  cancellationRequests: Array<{ id: string; status: CancellationStatus }>;
}

/** The order events catalog moves stock on: reserve, commit, sell, release (whole order), release (lines). */
const STOCK_EVENTS: OrderEventType[] = ['order.placed', 'order.paid', 'package.shipped', 'order.cancelled', 'order.lines_cancelled'];

describe('order lifecycle (orders, catalog events as fixtures, controlled clock)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const carrier: Identity = { userId: 'car_ups', sellerId: null, roles: ['CARRIER'] };

  const orders = <T>(identity: Identity, query: string, variables?: unknown) => callOrders<T>(stack, identity, query, variables);

  /** A live (sellable) product's SKU at 33.33 USD, as catalog announced it, once orders' price read model has it. */
  async function createSku(): Promise<string> {
    const { skuIds } = await announceLiveProduct(stack, seller, { title: 'Linen shirt', skus: [{ price: '3333' }] });
    return skuIds[0];
  }

  const ORDER_FIELDS = `id status cancelReason cancelledBy paidAt remorseEndsAt shipByDeadline autoCancelAt completesAt hasOpenCancellation
    total { amountMinor } recipient { masked name phone address } nextAction { action actor deadline }
    lines { id quantity cancelledQuantity shippedQuantity shippingFee { amountMinor } sellerDiscount { amountMinor } creatorId }
    packages { id status } cancellationRequests { id status }`;

  const getOrder = async (id: string, identity: Identity = seller): Promise<LifecycleOrder> => {
    const result = await orders<{ order: LifecycleOrder }>(identity, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.order;
  };

  /** Runs a lifecycle mutation; returns the raw result. */
  const mutate = (identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection = 'id status') =>
    orderMutation<unknown>(stack, identity, name, inputType, input, selection);

  /** Runs a lifecycle mutation that must succeed; `T` is the shape of `selection`. */
  const ok = <T = { id: string; status: string }>(identity: Identity, name: string, inputType: string, input: Record<string, unknown>, selection?: string) =>
    orderMutationOk<T>(stack, identity, name, inputType, input, selection);

  /** Sets the shop's flat shipping fee per order (USD minor units). */
  const setShopShipping = (amountMinor: string) =>
    ok<{ region: string }>(seller, 'setShopShipping', 'SetShopShippingInput', { flatFee: { amountMinor, currencyCode: 'USD' } }, 'region');

  /** Places an order, answers it with catalog's reservation (fixture) and returns it UNPAID. */
  async function unpaidOrder(lines: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}): Promise<LifecycleOrder> {
    const id = await placeReservedOrder(stack, buyer, seller.sellerId!, lines, extra);
    const order = await getOrder(id);
    expect(order.status).toBe('UNPAID');
    return order;
  }

  /** An order paid and past its remorse window. */
  async function awaitingShipment(lines: Array<{ skuId: string; quantity: number }>, extra: Record<string, unknown> = {}) {
    const order = await unpaidOrder(lines, extra);
    await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id });
    await moveClock(stack.settings, 'orders', { advanceMs: HOUR + 1 });
    return getOrder(order.id);
  }

  const outboxOf = (orderId: string) => orderOutbox(stack, orderId);
  /** The types, in order, of the order's events catalog moves stock on. */
  const stockEventsOf = async (orderId: string) => (await outboxOf(orderId)).map((e) => e.type).filter((t) => (STOCK_EVENTS as string[]).includes(t));
  /** The order's `order.cancelled` events: catalog releases whatever the order still holds, reserved or committed. */
  const cancellationsOf = async (orderId: string) => payloadsOf(await outboxOf(orderId), 'order.cancelled');

  beforeAll(async () => {
    stack = await startTestStack('lifecycle', { subgraphs: ['orders'] });
    await announceShop(stack, seller, { name: 'Lifecycle shop', currencyCode: 'USD', timeZone: 'America/New_York' });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('walks every forward transition, hides the recipient while ON_HOLD, and tells catalog to reserve → commit → sell once', async () => {
    const [skuA, skuB] = [await createSku(), await createSku()];
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
    const [lineA, lineB] = order.lines.map((l) => l.id);
    // Catalog reserves what order.placed lists.
    const [placed] = payloadsOf(await outboxOf(order.id), 'order.placed');
    expect(placed.lines.map((l) => ({ orderLineId: l.orderLineId, skuId: l.skuId, quantity: l.quantity }))).toEqual([
      { orderLineId: lineA, skuId: skuA, quantity: 3 },
      { orderLineId: lineB, skuId: skuB, quantity: 1 },
    ]);

    const paid = await ok<Pick<LifecycleOrder, 'status' | 'recipient'>>(
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
    // Catalog commits the units order.paid lists: every unit of the order, once; each with what its buyer pays.
    expect(payloadsOf(await outboxOf(order.id), 'order.paid').map((p) => p.lines)).toEqual([
      [
        { orderLineId: lineA, skuId: skuA, quantity: 3, paid: { amountMinor: '9999', currencyCode: 'USD' } },
        { orderLineId: lineB, skuId: skuB, quantity: 1, paid: { amountMinor: '3333', currencyCode: 'USD' } },
      ],
    ]);

    const first = await ok(seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: packLines(order, [2, 0]) }, 'id status');
    expect(first.status).toBe('CREATED');
    expect((await ok(seller, 'shipPackage', 'ShipPackageInput', { packageId: first.id, carrier: 'UPS', trackingNumber: '1Z999AA1' }, 'status')).status).toBe(
      'AWAITING_COLLECTION',
    );
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
    const transitions = payloadsOf(events, 'order.status_changed').map((p) => `${p.from}>${p.to}:${p.actor}`);
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
    expect(payloadsOf(events, 'order.paid')).toHaveLength(1);
    // Catalog sells what each package.shipped lists: together, every committed unit (3 of A, 1 of B), and nothing is released.
    expect(payloadsOf(events, 'package.shipped').map((p) => p.lines)).toEqual([
      [{ orderLineId: lineA, skuId: skuA, quantity: 2 }],
      [
        { orderLineId: lineA, skuId: skuA, quantity: 1 },
        { orderLineId: lineB, skuId: skuB, quantity: 1 },
      ],
    ]);
    expect(await stockEventsOf(order.id)).toEqual(['order.placed', 'order.paid', 'package.shipped', 'package.shipped']);
    const timers = (
      await (
        await stack.db('orders')
      ).query<{ kind: string; fired_at: Date | null }>('SELECT kind, fired_at FROM order_timers WHERE order_id = $1 ORDER BY kind', [order.id])
    ).rows;
    // Every deadline has one timer and each fired once; the ones the order outran fired as no-ops.
    expect(timers.map((t) => [t.kind, t.fired_at !== null])).toEqual([
      ['AUTO_CANCEL', true],
      ['COMPLETE', true],
      ['REMORSE_END', true],
      ['UNPAID_EXPIRY', true],
    ]);
  });

  it('lets the buyer cancel during the remorse window and has catalog release the stock once', async () => {
    const skuId = await createSku();
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
    // Reserved on placement, committed on payment (2 units), then released once by the one order.cancelled.
    expect(payloadsOf(await outboxOf(order.id), 'order.paid').map((p) => p.lines.map((l) => [l.skuId, l.quantity]))).toEqual([[[skuId, 2]]]);
    expect(await cancellationsOf(order.id)).toEqual([{ orderId: order.id, reason: (await getOrder(order.id)).cancelReason, cancelledBy: 'BUYER' }]);
    expect(await stockEventsOf(order.id)).toEqual(['order.placed', 'order.paid', 'order.cancelled']);
  });

  it('expires an unpaid order once after the unpaid window', async () => {
    const skuId = await createSku();
    const order = await unpaidOrder([{ skuId, quantity: 1 }]);
    const deadline = new Date(order.nextAction!.deadline!);
    expect(deadline.getTime() - new Date((await moveClock(stack.settings, 'orders', {})).now).getTime()).toBe(48 * HOUR);
    await moveClock(stack.settings, 'orders', { setTo: new Date(deadline.getTime() - 1).toISOString() });
    expect((await getOrder(order.id)).status).toBe('UNPAID');
    await moveClock(stack.settings, 'orders', { advanceMs: 2 });
    expect(await getOrder(order.id)).toMatchObject({ status: 'CANCELLED', cancelReason: 'UNPAID_EXPIRED', cancelledBy: 'SYSTEM' });
    await moveClock(stack.settings, 'orders', { advanceMs: DAY });
    // Never paid: catalog releases the reservation on the one order.cancelled.
    expect(await cancellationsOf(order.id)).toEqual([{ orderId: order.id, reason: 'UNPAID_EXPIRED', cancelledBy: 'SYSTEM' }]);
    expect(await stockEventsOf(order.id)).toEqual(['order.placed', 'order.cancelled']);
  });

  it('auto-approves an unanswered cancellation request at 24 h, exactly once', async () => {
    const skuId = await createSku();
    const order = await awaitingShipment([{ skuId, quantity: 1 }]);
    expect(errorCodes(await mutate(buyer, 'cancelOrder', 'BuyerCancelOrderInput', { orderId: order.id, reason: 'Too late?' }))).toEqual(['INVALID_TRANSITION']);
    const requested = await ok<Pick<LifecycleOrder, 'hasOpenCancellation' | 'nextAction'> & { cancellationRequests: CancellationRequestView[] }>(
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
    // Paid (committed), then released once by the one order.cancelled.
    expect(await cancellationsOf(order.id)).toEqual([{ orderId: order.id, reason: after.cancelReason, cancelledBy: 'BUYER' }]);
    expect(await stockEventsOf(order.id)).toEqual(['order.placed', 'order.paid', 'order.cancelled']);
  });

  it('lets the seller reject then approve a request, cancel with a reason, and cancel single lines', async () => {
    const skuId = await createSku();
    const order = await awaitingShipment([{ skuId, quantity: 1 }]);
    type WithRequests = { cancellationRequests: Array<{ id: string; status: CancellationStatus }> };
    const first = await ok<WithRequests>(
      buyer,
      'requestCancellation',
      'BuyerCancelOrderInput',
      { orderId: order.id, reason: 'Oops' },
      'cancellationRequests { id }',
    );
    const rejected = await ok(
      seller,
      'rejectCancellation',
      'RejectCancellationInput',
      { cancellationId: first.cancellationRequests[0].id, reason: 'Already packed' },
      'status hasOpenCancellation cancellationRequests { status }',
    );
    expect(rejected).toEqual({ status: 'AWAITING_SHIPMENT', hasOpenCancellation: false, cancellationRequests: [{ status: 'CANCELLATION_REQUEST_CANCEL' }] });
    const second = await ok<WithRequests>(
      buyer,
      'requestCancellation',
      'BuyerCancelOrderInput',
      { orderId: order.id, reason: 'Please' },
      'cancellationRequests { id status }',
    );
    const pending = second.cancellationRequests.find((c) => c.status === 'CANCELLATION_REQUEST_PENDING');
    expect((await ok(seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: pending!.id }, 'status')).status).toBe('CANCELLED');

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
    expect(payloadsOf(events, 'order.lines_cancelled').map((p) => p.lines)).toEqual([[{ orderLineId: lineA.id, skuId, quantity: 2 }]]);
    // What catalog's ledger follows: the two whole cancellations release their unit once each; the partial
    // order commits its 5 units on payment and releases the 2 cancelled ones, so only its 3 live units stay committed.
    for (const [cancelled, by] of [
      [order.id, 'BUYER'],
      [other.id, 'SELLER'],
    ] as const) {
      expect(await cancellationsOf(cancelled)).toMatchObject([{ orderId: cancelled, cancelledBy: by }]);
      expect(await stockEventsOf(cancelled)).toEqual(['order.placed', 'order.paid', 'order.cancelled']);
    }
    expect(payloadsOf(events, 'order.paid').map((p) => p.lines)).toEqual([
      [
        { orderLineId: lineA.id, skuId, quantity: 3, paid: { amountMinor: '9999', currencyCode: 'USD' } },
        { orderLineId: lineB.id, skuId, quantity: 2, paid: { amountMinor: '6666', currencyCode: 'USD' } },
      ],
    ]);
    expect(await stockEventsOf(partial.id)).toEqual(['order.placed', 'order.paid', 'order.lines_cancelled']);
  });

  it('auto-cancels unshipped orders at their deadline, counting weekends only where the region says so', async () => {
    const skuId = await createSku();
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
    type Deadlines = { paidAt: string; autoCancelAt: string; shipByDeadline: string };
    const usPaid = await ok<Deadlines>(buyer, 'payOrder', 'OrderCommandInput', { orderId: us.id }, 'paidAt autoCancelAt shipByDeadline');
    const sgPaid = await ok<Omit<Deadlines, 'shipByDeadline'>>(buyer, 'payOrder', 'OrderCommandInput', { orderId: sg.id }, 'paidAt autoCancelAt');
    const span = (o: Omit<Deadlines, 'shipByDeadline'>) => (new Date(o.autoCancelAt).getTime() - new Date(o.paidAt).getTime()) / DAY;
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
    // Paid (committed), then released once each by the one order.cancelled.
    for (const id of [us.id, sg.id]) {
      expect(await cancellationsOf(id)).toEqual([{ orderId: id, reason: 'SELLER_FAULT: SHIP_BY_SLA_MISSED', cancelledBy: 'SYSTEM' }]);
      expect(await stockEventsOf(id)).toEqual(['order.placed', 'order.paid', 'order.cancelled']);
    }
  });

  it('refuses bad input to every lifecycle mutation with a typed error and writes nothing', async () => {
    const skuId = await createSku();
    const order = await awaitingShipment([{ skuId, quantity: 2 }]);
    const pkg = await ok<{ id: string }>(
      seller,
      'createPackage',
      'CreatePackageInput',
      { orderId: order.id, lines: [{ orderLineId: order.lines[0].id, quantity: 1 }] },
      'id',
    );
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
    const skuId = await createSku();
    const order = await unpaidOrder([{ skuId, quantity: 1 }]);
    const key = newIdempotencyKey();
    const first = await mutate(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id, idempotencyKey: key }, 'id status');
    const again = await mutate(buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id, idempotencyKey: key }, 'id status');
    expect(again.data).toEqual(first.data);
    const other = await unpaidOrder([{ skuId, quantity: 1 }]);
    expect(errorCodes(await mutate(buyer, 'payOrder', 'OrderCommandInput', { orderId: other.id, idempotencyKey: key }))).toEqual(['IDEMPOTENCY_CONFLICT']);
    expect(payloadsOf(await outboxOf(order.id), 'order.paid')).toHaveLength(1);
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
    type OrderPage = { orders: { pageInfo: { hasNextPage: boolean }; nodes: Array<{ id: string; lines: Array<{ id: string; quantity: number }> }> } };
    const list = (first: number, filter: Record<string, unknown> = {}) =>
      orders<ShopEntities<OrderPage>>(
        shop,
        `query($r: [_Any!]!, $first: Int!, $filter: OrderListFilter) { _entities(representations: $r) { ... on Shop {
        orders(first: $first, filter: $filter) { pageInfo { hasNextPage } nodes { id lines { id quantity sku { id } product { id } } } } } } }`,
        { r: [{ __typename: 'Shop', id: shop.sellerId }], first, filter },
      );
    const ten = await list(10);
    const hundred = await list(100);
    expect(ten.errors).toBeUndefined();
    expect(hundred.data!._entities[0].orders.nodes).toHaveLength(100);
    expect(hundred.data!._entities[0].orders.nodes[0].lines).toHaveLength(2);
    expect(ten.extensions?.sqlStatements).toBe(hundred.extensions?.sqlStatements);
    expect(hundred.extensions?.sqlStatements).toBe(1); // the page and its lines in one statement

    const ids = async (filter: Record<string, unknown>) => {
      const result = await list(100, filter);
      expect(result.errors).toBeUndefined();
      return result.data!._entities[0].orders.nodes.map((n) => n.id).sort();
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
