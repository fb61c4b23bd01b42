import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { newId } from '@sc/db';
import { EventEnvelope } from '@sc/events';
import { TestStack, errorCodes, eventually, moveClock, newBuyer, newIdempotencyKey, newSeller, publishRaw, startTestStack, testEvent } from '@sc/testing';
import {
  HOUR,
  REQUEST_RETURN,
  caller,
  createSku,
  moveOrdersClock,
  ordersMutation,
  placeOrder,
  shipPackage,
  waitForProjection,
  waitForShipped,
  writtenRows,
} from './return-flow.helpers';

// Orders runs a controlled clock so paid orders get past the buyer-remorse hour and ship (returns too: its
// after-sales window is judged by it).
process.env.CLOCK_MODE = 'controlled';

const DAY = 24 * HOUR;

// Which units an after-sales request may cover, with catalog and orders over real Kafka and PostgreSQL:
// only units that shipped and were not cancelled (before shipment the buyer cancels, and the cancellation
// refunds), and only within the after-sales window after delivery.
describe('after-sales eligibility (catalog + orders + returns)', () => {
  let stack: TestStack;
  let returnsDb: Client;
  let returns: ReturnType<typeof caller>;
  const seller = newSeller();
  const buyer = newBuyer();
  let sku: string;

  const requestReturn = (orderId: string, lines: Array<{ orderLineId: string; quantity: number }>, type = 'REFUND') =>
    returns(buyer, REQUEST_RETURN, { input: { orderId, type, reason: 'DAMAGED', lines, idempotencyKey: newIdempotencyKey() } });

  /** Each line's shipped and cancelled units in returns' read model. */
  const unitsOf = async (orderId: string) =>
    (
      await returnsDb.query(
        `SELECT order_line_id, kind, sum(quantity)::int AS units FROM order_line_units WHERE order_id = $1 GROUP BY order_line_id, kind ORDER BY kind, order_line_id`,
        [orderId],
      )
    ).rows;

  const statusInReturns = async (orderId: string) => (await returnsDb.query('SELECT status FROM orders WHERE id = $1', [orderId])).rows[0]?.status;

  beforeAll(async () => {
    stack = await startTestStack('aftersales', { subgraphs: ['catalog', 'orders', 'returns'] });
    returns = caller(stack, 'returns');
    returnsDb = await stack.db('returns');
    const shop = await caller(stack, 'catalog')(
      seller,
      `mutation { registerShop(input: { name: "After-sales shop", currencyCode: "USD", timeZone: "America/New_York" }) { id } }`,
    );
    expect(shop.errors).toBeUndefined();
    sku = await createSku(stack, seller, 100);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('refuses refund and return requests until something ships, and after the order is cancelled instead, writing nothing', async () => {
    const order = await placeOrder(stack, buyer, seller, [{ skuId: sku, quantity: 2 }]);
    const refusedIn = async (status: string) => {
      await eventually(
        () => statusInReturns(order.id),
        (s) => s === status,
      );
      const before = await writtenRows(returnsDb);
      for (const type of ['REFUND', 'RETURN_AND_REFUND']) {
        const result = await requestReturn(order.id, [{ orderLineId: order.lineIds[0], quantity: 1 }], type);
        expect(errorCodes(result)).toEqual(['INVALID_TRANSITION']);
        expect(result.errors![0].extensions).toMatchObject({ entity: 'Order', from: status, action: 'requestReturn', reason: 'NOT_SHIPPED' });
      }
      expect(await writtenRows(returnsDb)).toEqual(before);
    };
    await refusedIn('UNPAID');
    await ordersMutation(stack, buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id });
    await refusedIn('ON_HOLD');
    await moveOrdersClock(stack, HOUR + 1);
    await refusedIn('AWAITING_SHIPMENT');
    // Packed is not shipped.
    await ordersMutation(stack, seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: [{ orderLineId: order.lineIds[0], quantity: 2 }] });
    await refusedIn('AWAITING_SHIPMENT');

    // The cancellation refunds the order (orders' dashboard takes it out of net sales once); after-sales never does.
    await ordersMutation(stack, seller, 'sellerCancelOrder', 'SellerCancelOrderInput', { orderId: order.id, reason: 'OUT_OF_STOCK' });
    await eventually(
      () => statusInReturns(order.id),
      (s) => s === 'CANCELLED',
    );
    const before = await writtenRows(returnsDb);
    const cancelled = await requestReturn(order.id, [{ orderLineId: order.lineIds[0], quantity: 1 }]);
    expect(errorCodes(cancelled)).toEqual(['INVALID_TRANSITION']);
    expect(cancelled.errors![0].extensions).toMatchObject({ entity: 'Order', from: 'CANCELLED' });
    expect(await writtenRows(returnsDb)).toEqual(before);
  });

  it('takes only the shipped units of a partially shipped order, and refunds exactly those', async () => {
    const order = await placeOrder(stack, buyer, seller, [
      { skuId: sku, quantity: 3 },
      { skuId: sku, quantity: 1 },
    ]);
    await ordersMutation(stack, buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id });
    await moveOrdersClock(stack, HOUR + 1);
    await shipPackage(stack, seller, order, [2, 0]);
    // The second line is packed but not handed to the carrier yet.
    await ordersMutation(stack, seller, 'createPackage', 'CreatePackageInput', { orderId: order.id, lines: [{ orderLineId: order.lineIds[1], quantity: 1 }] });
    await waitForShipped(returnsDb, order.id, 2, 'PARTIALLY_SHIPPING');

    const before = await writtenRows(returnsDb);
    const tooMany = await requestReturn(order.id, [
      { orderLineId: order.lineIds[0], quantity: 3 },
      { orderLineId: order.lineIds[1], quantity: 1 },
    ]);
    expect(errorCodes(tooMany)).toEqual(['VALIDATION_FAILED']);
    expect((tooMany.errors![0].extensions as any).fields).toEqual([
      { field: 'lines[0].quantity', message: 'must be at most 2 (the shipped units not yet in a return request)' },
      { field: 'lines[1].quantity', message: 'must be at most 0 (the shipped units not yet in a return request)' },
    ]);
    expect(await writtenRows(returnsDb)).toEqual(before);

    const requested = await requestReturn(order.id, [{ orderLineId: order.lineIds[0], quantity: 2 }]);
    expect(requested.errors).toBeUndefined();
    const approved = await returns(
      seller,
      `mutation($input: ReturnDecisionInput!) { approveRefund(input: $input) { status refund { lines { orderLineId quantity } } } }`,
      {
        input: { returnId: (requested.data as any).requestReturn.id, idempotencyKey: newIdempotencyKey() },
      },
    );
    expect(approved.errors).toBeUndefined();
    expect((approved.data as any).approveRefund).toEqual({
      status: 'RETURN_OR_REFUND_REQUEST_SUCCESS',
      refund: { lines: [{ orderLineId: order.lineIds[0], quantity: 2 }] },
    });
    expect(errorCodes(await requestReturn(order.id, [{ orderLineId: order.lineIds[0], quantity: 1 }]))).toEqual(['VALIDATION_FAILED']);
  });

  it('never counts units cancelled before shipment, and records each shipment and cancellation once however often it arrives', async () => {
    const order = await placeOrder(stack, buyer, seller, [
      { skuId: sku, quantity: 3 },
      { skuId: sku, quantity: 2 },
    ]);
    await ordersMutation(stack, buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id });
    await moveOrdersClock(stack, HOUR + 1);
    await ordersMutation(stack, seller, 'cancelOrderLines', 'CancelOrderLinesInput', {
      orderId: order.id,
      reason: 'OUT_OF_STOCK',
      lines: [{ orderLineId: order.lineIds[0], quantity: 1 }],
    });
    const packageId = await shipPackage(stack, seller, order, [2, 2], true);
    await waitForShipped(returnsDb, order.id, 4, 'DELIVERED');
    const expected = [
      { order_line_id: order.lineIds[0], kind: 'CANCELLED', units: 1 },
      ...[order.lineIds[0], order.lineIds[1]].sort().map((id) => ({ order_line_id: id, kind: 'SHIPPED', units: 2 })),
    ];
    expect(await unitsOf(order.id)).toEqual(expected);

    // Redelivery of both events, and the same shipment under a new event id: nothing changes.
    const ordersDb = await stack.db('orders');
    const envelopes = (
      await ordersDb.query(`SELECT envelope FROM outbox WHERE message_key = $1 AND event_type IN ('order.lines_cancelled', 'package.shipped') ORDER BY seq`, [
        order.id,
      ])
    ).rows.map((r) => r.envelope as EventEnvelope);
    expect(envelopes.map((e) => e.type)).toEqual(['order.lines_cancelled', 'package.shipped']);
    const shippedAgain = { ...envelopes[1], id: randomUUID() };
    await publishRaw(stack.settings, 'orders.order.v1', [...envelopes, shippedAgain]);
    await eventually(
      async () => (await returnsDb.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [shippedAgain.id])).rows[0].n,
      (n) => n === 1,
    );
    expect((envelopes[1].payload as any).packageId).toBe(packageId);
    expect(await unitsOf(order.id)).toEqual(expected);

    const before = await writtenRows(returnsDb);
    const cancelledUnit = await requestReturn(order.id, [{ orderLineId: order.lineIds[0], quantity: 3 }], 'RETURN_AND_REFUND');
    expect(errorCodes(cancelledUnit)).toEqual(['VALIDATION_FAILED']);
    expect((cancelledUnit.errors![0].extensions as any).fields).toEqual([
      { field: 'lines[0].quantity', message: 'must be at most 2 (the shipped units not yet in a return request)' },
    ]);
    expect(await writtenRows(returnsDb)).toEqual(before);
    const everything = await requestReturn(
      order.id,
      [
        { orderLineId: order.lineIds[0], quantity: 2 },
        { orderLineId: order.lineIds[1], quantity: 2 },
      ],
      'RETURN_AND_REFUND',
    );
    expect(everything.errors).toBeUndefined();
  });

  it('never refunds a request opened on an unshipped order before the rule, and closes it when the order is cancelled', async () => {
    const order = await placeOrder(stack, buyer, seller, [{ skuId: sku, quantity: 2 }]);
    await ordersMutation(stack, buyer, 'payOrder', 'OrderCommandInput', { orderId: order.id });
    await eventually(
      async () => (await returnsDb.query('SELECT paid_at FROM orders WHERE id = $1', [order.id])).rows[0]?.paid_at,
      (at) => !!at,
    );
    // A refund-only request as the code before this rule let the buyer open it on a paid, unshipped order.
    const legacyId = newId('ret');
    await returnsDb.query(
      `INSERT INTO return_requests (id, seller_id, order_id, buyer_id, status, type, reason) VALUES ($1, $2, $3, $4, 'RETURN_OR_REFUND_REQUEST_PENDING', 'REFUND', 'DAMAGED')`,
      [legacyId, seller.sellerId, order.id, buyer.userId],
    );
    await returnsDb.query(`INSERT INTO return_lines (id, return_request_id, seller_id, order_line_id, quantity, position) VALUES ($1, $2, $3, $4, 2, 0)`, [
      newId('rln'),
      legacyId,
      seller.sellerId,
      order.lineIds[0],
    ]);

    const before = await writtenRows(returnsDb);
    const approved = await returns(seller, `mutation($input: ReturnDecisionInput!) { approveRefund(input: $input) { id } }`, {
      input: { returnId: legacyId, idempotencyKey: newIdempotencyKey() },
    });
    expect(errorCodes(approved)).toEqual(['INVALID_TRANSITION']);
    expect(approved.errors![0].extensions).toMatchObject({ entity: 'Order', action: 'refund', reason: 'NOT_SHIPPED' });
    expect(await writtenRows(returnsDb)).toEqual(before);
    expect((await returnsDb.query('SELECT count(*)::int AS n FROM refunds WHERE order_id = $1', [order.id])).rows[0].n).toBe(0);

    // The buyer cancels during the remorse window: the cancellation refunds, the request is closed by SYSTEM.
    await ordersMutation(stack, buyer, 'cancelOrder', 'BuyerCancelOrderInput', { orderId: order.id, reason: 'Changed my mind' });
    const closed = await eventually(
      async () => (await returnsDb.query('SELECT status, version FROM return_requests WHERE id = $1', [legacyId])).rows[0],
      (r) => r.status === 'RETURN_OR_REFUND_REQUEST_CANCEL',
    );
    expect(closed.version).toBe(2);
    const cancelledEvents = async () =>
      (await returnsDb.query(`SELECT envelope FROM outbox WHERE message_key = $1 AND event_type = 'return.cancelled'`, [legacyId])).rows.map((r) => r.envelope);
    const [event] = await cancelledEvents();
    const orderCancelled = (
      await (await stack.db('orders')).query(`SELECT envelope FROM outbox WHERE message_key = $1 AND event_type = 'order.cancelled'`, [order.id])
    ).rows[0].envelope;
    expect(event).toMatchObject({
      aggregateType: 'ReturnRequest',
      aggregateVersion: 2,
      causationId: orderCancelled.id,
      actor: { type: 'SYSTEM', id: null },
      payload: { returnId: legacyId, orderId: order.id, cancelledBy: 'SYSTEM', reason: 'ORDER_CANCELLED' },
    });

    // order.cancelled again, as redelivered and under a new id: the request is closed once.
    const again = { ...orderCancelled, id: randomUUID() };
    await publishRaw(stack.settings, 'orders.order.v1', [orderCancelled, again]);
    await eventually(
      async () => (await returnsDb.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [again.id])).rows[0].n,
      (n) => n === 1,
    );
    expect(await cancelledEvents()).toHaveLength(1);
    expect((await returnsDb.query('SELECT version FROM return_requests WHERE id = $1', [legacyId])).rows[0].version).toBe(2);
  });

  it('accepts requests within the after-sales window after delivery and refuses them once it has closed', async () => {
    const publishDelivered = async (deliveredDaysAgo: number) => {
      const [orderId, lineId] = [newId('ord'), newId('oln')];
      const event = (version: number, type: string, payload: object, occurredAt?: Date) =>
        testEvent({
          type,
          source: 'orders',
          sellerId: seller.sellerId!,
          aggregateType: 'Order',
          aggregateId: orderId,
          aggregateVersion: version,
          actor: { type: 'SYSTEM', id: null },
          payload,
          occurredAt,
        });
      const deliveredAt = new Date(Date.now() - deliveredDaysAgo * DAY);
      await publishRaw(stack.settings, 'orders.order.v1', [
        event(1, 'order.placed', {
          orderId,
          buyerId: buyer.userId,
          total: { amountMinor: '500', currencyCode: 'USD' },
          lines: [
            {
              orderLineId: lineId,
              skuId: 'sku_window00000000000000000',
              productId: 'prd_window00000000000000000',
              quantity: 1,
              unitPrice: { amountMinor: '500', currencyCode: 'USD' },
            },
          ],
        }),
        event(5, 'package.shipped', {
          orderId,
          packageId: newId('pkg'),
          carrier: 'UPS',
          trackingNumber: '1ZWINDOW',
          lines: [{ orderLineId: lineId, skuId: 'sku_window00000000000000000', quantity: 1 }],
        }),
        event(7, 'order.status_changed', { orderId, from: 'IN_TRANSIT', to: 'DELIVERED', actor: 'CARRIER', reason: 'DELIVERED' }, deliveredAt),
      ]);
      await waitForProjection(returnsDb, orderId, 'DELIVERED', 1);
      await waitForShipped(returnsDb, orderId, 1);
      expect((await returnsDb.query('SELECT delivered_at FROM orders WHERE id = $1', [orderId])).rows[0].delivered_at).toEqual(deliveredAt);
      return { orderId, lineId };
    };
    const [recent, old] = [await publishDelivered(13), await publishDelivered(15)];

    const before = await writtenRows(returnsDb);
    const late = await requestReturn(old.orderId, [{ orderLineId: old.lineId, quantity: 1 }]);
    expect(errorCodes(late)).toEqual(['INVALID_TRANSITION']);
    expect(late.errors![0].extensions).toMatchObject({ entity: 'Order', from: 'DELIVERED', reason: 'AFTER_SALES_WINDOW_CLOSED' });
    expect(await writtenRows(returnsDb)).toEqual(before);
    const inTime = await requestReturn(recent.orderId, [{ orderLineId: recent.lineId, quantity: 1 }]);
    expect(inTime.errors).toBeUndefined();

    // The window is judged by returns' clock: once that has moved past the window's end, the recent order is refused too.
    await moveClock(stack.settings, 'returns', { advanceMs: 2 * DAY });
    const closedNow = await requestReturn(recent.orderId, [{ orderLineId: recent.lineId, quantity: 1 }]);
    expect(errorCodes(closedNow)).toEqual(['INVALID_TRANSITION']);
    expect(closedNow.errors![0].extensions).toMatchObject({ entity: 'Order', from: 'DELIVERED', reason: 'AFTER_SALES_WINDOW_CLOSED' });
  });
});
