import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { newId } from '@sc/db';
import { ReturnCancelledV1 } from '@sc/events';
import { OrderFixture, TestStack, errorCodes, moveClock, newBuyer, newSeller, outboxEvents, startTestStack } from '@sc/testing';
import { OrderFeed, fixtureOrder, lineIdsOf } from './support/order-feed';
import { LineUnits, ReturnRequestType, ReturnsApi, dataOf, fieldErrors, firstErrorExtensions } from './support/returns-api';
import { statusInReturns, unitsOf, waitForShipped, writtenRows } from './support/returns-db';

const DAY = 86_400_000;

// Which units an after-sales request may cover, with returns alone fed orders.order.v1 as orders publishes
// it: only units that shipped and were not cancelled (before shipment the buyer cancels, and the
// cancellation refunds), and only within the after-sales window after delivery, judged by returns' own
// (controlled) clock.
describe('after-sales eligibility (returns, orders events as fixtures)', () => {
  let stack: TestStack;
  let returnsDb: Client;
  let api: ReturnsApi;
  let feed: OrderFeed;
  const seller = newSeller();
  const buyer = newBuyer();

  const requestReturn = (order: OrderFixture, lines: LineUnits[], type: ReturnRequestType = 'REFUND') =>
    api.requestReturn(buyer, { orderId: order.orderId, type, lines });

  beforeAll(async () => {
    stack = await startTestStack('aftersales', { subgraphs: ['returns'], env: { CLOCK_MODE: 'controlled' } });
    api = new ReturnsApi(stack);
    returnsDb = await stack.db('returns');
    feed = new OrderFeed(stack, returnsDb);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('refuses refund and return requests until something ships, and after the order is cancelled instead, writing nothing', async () => {
    const order = fixtureOrder(seller, buyer, [{ quantity: 2 }]);
    const [line] = lineIdsOf(order);
    const refusedIn = async (status: string) => {
      expect(await statusInReturns(returnsDb, order.orderId)).toBe(status);
      const before = await writtenRows(returnsDb);
      for (const type of ['REFUND', 'RETURN_AND_REFUND'] as const) {
        const result = await requestReturn(order, [{ orderLineId: line, quantity: 1 }], type);
        expect(errorCodes(result)).toEqual(['INVALID_TRANSITION']);
        expect(firstErrorExtensions(result)).toMatchObject({ entity: 'Order', from: status, action: 'requestReturn', reason: 'NOT_SHIPPED' });
      }
      expect(await writtenRows(returnsDb)).toEqual(before);
    };
    await feed.placed([order]);
    await refusedIn('UNPAID');
    await feed.feed(order.pay());
    await refusedIn('ON_HOLD');
    await feed.feed(order.releaseHold());
    await refusedIn('AWAITING_SHIPMENT');
    // Packed is not shipped: orders publishes nothing when a package is only packed.
    expect(order.pack()).toEqual([]);
    await refusedIn('AWAITING_SHIPMENT');

    // The cancellation refunds the order (orders' dashboard takes it out of net sales once); after-sales never does.
    await feed.feed(order.cancel({ by: 'SELLER', reason: 'SELLER_FAULT: OUT_OF_STOCK' }));
    expect(await statusInReturns(returnsDb, order.orderId)).toBe('CANCELLED');
    const before = await writtenRows(returnsDb);
    const cancelled = await requestReturn(order, [{ orderLineId: line, quantity: 1 }]);
    expect(errorCodes(cancelled)).toEqual(['INVALID_TRANSITION']);
    expect(firstErrorExtensions(cancelled)).toMatchObject({ entity: 'Order', from: 'CANCELLED' });
    expect(await writtenRows(returnsDb)).toEqual(before);
  });

  it('takes only the shipped units of a partially shipped order, and refunds exactly those', async () => {
    const order = fixtureOrder(seller, buyer, [{ quantity: 3 }, { quantity: 1 }]);
    const [first, second] = lineIdsOf(order);
    await feed.placed([order]);
    // Two units of the first line shipped; the second line is packed but not handed to the carrier yet.
    await feed.feed([
      ...order.pay(),
      ...order.releaseHold(),
      ...order.pack(),
      ...order.ship({ lines: [{ orderLineId: first, quantity: 2 }] }),
      ...order.pack(),
    ]);
    await waitForShipped(returnsDb, order.orderId, 2, 'PARTIALLY_SHIPPING');

    const before = await writtenRows(returnsDb);
    const tooMany = await requestReturn(order, [
      { orderLineId: first, quantity: 3 },
      { orderLineId: second, quantity: 1 },
    ]);
    expect(errorCodes(tooMany)).toEqual(['VALIDATION_FAILED']);
    expect(fieldErrors(tooMany)).toEqual([
      { field: 'lines[0].quantity', message: 'must be at most 2 (the shipped units not yet in a return request)' },
      { field: 'lines[1].quantity', message: 'must be at most 0 (the shipped units not yet in a return request)' },
    ]);
    expect(await writtenRows(returnsDb)).toEqual(before);

    const requested = dataOf(await requestReturn(order, [{ orderLineId: first, quantity: 2 }])).requestReturn;
    const approved = dataOf(await api.approveRefund(seller, requested.id)).approveRefund;
    expect(approved.status).toBe('RETURN_OR_REFUND_REQUEST_SUCCESS');
    expect(approved.refund?.lines.map(({ orderLineId, quantity }) => ({ orderLineId, quantity }))).toEqual([{ orderLineId: first, quantity: 2 }]);
    expect(errorCodes(await requestReturn(order, [{ orderLineId: first, quantity: 1 }]))).toEqual(['VALIDATION_FAILED']);
  });

  it('never counts units cancelled before shipment, and records each shipment and cancellation once however often it arrives', async () => {
    const order = fixtureOrder(seller, buyer, [{ quantity: 3 }, { quantity: 2 }]);
    const [first, second] = lineIdsOf(order);
    const packageId = newId('pkg');
    await feed.placed([order]);
    await feed.feed([...order.pay(), ...order.releaseHold()]);
    const linesCancelled = order.cancelLines({ lines: [{ orderLineId: first, quantity: 1 }], reason: 'SELLER_FAULT: OUT_OF_STOCK' });
    const shipment = [...order.pack(), ...order.ship({ packageId })];
    await feed.feed([...linesCancelled, ...shipment, ...order.inTransit(), ...order.deliver()]);
    await waitForShipped(returnsDb, order.orderId, 4, 'DELIVERED');
    const expected = [
      { order_line_id: first, kind: 'CANCELLED', units: 1 },
      ...[first, second].sort().map((id) => ({ order_line_id: id, kind: 'SHIPPED', units: 2 })),
    ];
    expect(await unitsOf(returnsDb, order.orderId)).toEqual(expected);
    // One ledger row per source: the package for shipped units, the cancelling event for cancelled ones.
    const sources = await returnsDb.query<{ kind: string; source_id: string }>(
      `SELECT DISTINCT kind, source_id FROM order_line_units WHERE order_id = $1 ORDER BY kind`,
      [order.orderId],
    );
    expect(sources.rows).toEqual([
      { kind: 'CANCELLED', source_id: linesCancelled[0].id },
      { kind: 'SHIPPED', source_id: packageId },
    ]);

    // Redelivery of both events, and the same shipment under a new event id: nothing changes.
    const packageShipped = shipment.find((e) => e.type === 'package.shipped')!;
    const shippedAgain = { ...packageShipped, id: randomUUID() };
    await feed.feed([...linesCancelled, packageShipped, shippedAgain]);
    expect(await unitsOf(returnsDb, order.orderId)).toEqual(expected);

    const before = await writtenRows(returnsDb);
    const cancelledUnit = await requestReturn(order, [{ orderLineId: first, quantity: 3 }], 'RETURN_AND_REFUND');
    expect(errorCodes(cancelledUnit)).toEqual(['VALIDATION_FAILED']);
    expect(fieldErrors(cancelledUnit)).toEqual([{ field: 'lines[0].quantity', message: 'must be at most 2 (the shipped units not yet in a return request)' }]);
    expect(await writtenRows(returnsDb)).toEqual(before);
    const everything = await requestReturn(
      order,
      [
        { orderLineId: first, quantity: 2 },
        { orderLineId: second, quantity: 2 },
      ],
      'RETURN_AND_REFUND',
    );
    expect(everything.errors).toBeUndefined();
  });

  it('never refunds a request opened on an unshipped order before the rule, and closes it when the order is cancelled', async () => {
    const order = fixtureOrder(seller, buyer, [{ quantity: 2 }]);
    await feed.placed([order]);
    await feed.feed(order.pay());
    const paid = await returnsDb.query<{ paid_at: Date | null }>('SELECT paid_at FROM orders WHERE id = $1', [order.orderId]);
    expect(paid.rows[0].paid_at).not.toBeNull();
    // A refund-only request as the code before this rule let the buyer open it on a paid, unshipped order.
    const legacyId = newId('ret');
    await returnsDb.query(
      `INSERT INTO return_requests (id, seller_id, order_id, buyer_id, status, type, reason) VALUES ($1, $2, $3, $4, 'RETURN_OR_REFUND_REQUEST_PENDING', 'REFUND', 'DAMAGED')`,
      [legacyId, seller.sellerId, order.orderId, buyer.userId],
    );
    await returnsDb.query(`INSERT INTO return_lines (id, return_request_id, seller_id, order_line_id, quantity, position) VALUES ($1, $2, $3, $4, 2, 0)`, [
      newId('rln'),
      legacyId,
      seller.sellerId,
      lineIdsOf(order)[0],
    ]);

    const before = await writtenRows(returnsDb);
    const approved = await api.approveRefund(seller, legacyId);
    expect(errorCodes(approved)).toEqual(['INVALID_TRANSITION']);
    expect(firstErrorExtensions(approved)).toMatchObject({ entity: 'Order', action: 'refund', reason: 'NOT_SHIPPED' });
    expect(await writtenRows(returnsDb)).toEqual(before);
    expect((await returnsDb.query<{ n: number }>('SELECT count(*)::int AS n FROM refunds WHERE order_id = $1', [order.orderId])).rows[0].n).toBe(0);

    // The buyer cancels during the remorse window: the cancellation refunds, the request is closed by SYSTEM.
    const cancellation = order.cancel({ by: 'BUYER', reason: 'Changed my mind' });
    const orderCancelled = cancellation.find((e) => e.type === 'order.cancelled')!;
    await feed.feed(cancellation);
    const requestRow = async () =>
      (await returnsDb.query<{ status: string; version: number }>('SELECT status, version FROM return_requests WHERE id = $1', [legacyId])).rows[0];
    expect(await requestRow()).toEqual({ status: 'RETURN_OR_REFUND_REQUEST_CANCEL', version: 2 });
    const cancelledEvents = () => outboxEvents<ReturnCancelledV1>(returnsDb, { key: legacyId, type: 'return.cancelled' });
    const [event] = await cancelledEvents();
    expect(event).toMatchObject({
      aggregateType: 'ReturnRequest',
      aggregateVersion: 2,
      causationId: orderCancelled.id,
      actor: { type: 'SYSTEM', id: null },
      payload: { returnId: legacyId, orderId: order.orderId, cancelledBy: 'SYSTEM', reason: 'ORDER_CANCELLED' },
    });

    // order.cancelled again, as redelivered and under a new id: the request is closed once.
    await feed.feed([orderCancelled, { ...orderCancelled, id: randomUUID() }]);
    expect(await cancelledEvents()).toHaveLength(1);
    expect((await requestRow()).version).toBe(2);
  });

  it('accepts requests within the after-sales window after delivery and refuses them once it has closed', async () => {
    // The window is judged by returns' clock, which stands still until moved: deliveries are dated from it.
    const returnsNow = async () => new Date((await moveClock(stack.settings, 'returns', {})).now).getTime();
    const deliveredAt = async (at: Date) => {
      const order = fixtureOrder(seller, buyer, [{ quantity: 2 }]);
      await feed.shipped([order], { deliver: true, at });
      const stored = await returnsDb.query<{ delivered_at: Date }>('SELECT delivered_at FROM orders WHERE id = $1', [order.orderId]);
      expect(stored.rows[0].delivered_at).toEqual(at);
      return order;
    };
    const oneUnit = (order: OrderFixture) => requestReturn(order, [{ orderLineId: lineIdsOf(order)[0], quantity: 1 }]);
    const expectWindowClosed = (result: Awaited<ReturnType<typeof oneUnit>>) => {
      expect(errorCodes(result)).toEqual(['INVALID_TRANSITION']);
      expect(firstErrorExtensions(result)).toMatchObject({ entity: 'Order', from: 'DELIVERED', reason: 'AFTER_SALES_WINDOW_CLOSED' });
    };
    const start = await returnsNow();
    const recent = await deliveredAt(new Date(start - 13 * DAY));
    const old = await deliveredAt(new Date(start - 15 * DAY));

    const before = await writtenRows(returnsDb);
    expectWindowClosed(await oneUnit(old));
    expect(await writtenRows(returnsDb)).toEqual(before);
    expect((await oneUnit(recent)).errors).toBeUndefined();

    // Once returns' clock has moved past the window's end, the recent order is refused too.
    await moveClock(stack.settings, 'returns', { advanceMs: 2 * DAY });
    expectWindowClosed(await oneUnit(recent));

    // The window's last instant still counts: delivered exactly 14 days before returns' now, then one millisecond later.
    const edge = await deliveredAt(new Date((await returnsNow()) - 14 * DAY));
    expect((await oneUnit(edge)).errors).toBeUndefined();
    await moveClock(stack.settings, 'returns', { advanceMs: 1 });
    expectWindowClosed(await oneUnit(edge));
  });
});
