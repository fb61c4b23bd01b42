import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { newId } from '@sc/db';
import { ReturnRequestedV1 } from '@sc/events';
import { OrderFixture, TestStack, errorCodes, newBuyer, newIdempotencyKey, newSeller, outboxEvents, startTestStack } from '@sc/testing';
import { OrderFeed, fixtureOrder, lineIdsOf } from './support/order-feed';
import { REQUEST_RETURN, RequestInput, RequestedReturn, ReturnStatus, ReturnsApi, dataOf } from './support/returns-api';
import { statusInReturns, waitForInbox, waitForProjection, waitForPublished, waitForShipped, writtenRows } from './support/returns-db';

// Returns alone over real Kafka and PostgreSQL, fed orders.order.v1 as orders publishes it (OrderFixture):
// the order read model, requestReturn, the federation fields returns contributes, and refusals that write nothing.
describe('return requests (returns, orders events as fixtures)', () => {
  let stack: TestStack;
  let returnsDb: Client;
  let api: ReturnsApi;
  let feed: OrderFeed;
  const seller = newSeller();
  const buyer = newBuyer();
  const otherBuyer = newBuyer();
  const [skuA, skuB, scarce] = [newId('sku'), newId('sku'), newId('sku')];
  // Delivered (3 × A, 1 × B); shipped (20 × A); placed by another buyer; cancelled for stock; shipped 5 × A, three times.
  const order = fixtureOrder(seller, buyer, [
    { skuId: skuA, quantity: 3 },
    { skuId: skuB, quantity: 1 },
  ]);
  const bulkOrder = fixtureOrder(seller, buyer, [{ skuId: skuA, quantity: 20 }]);
  const otherBuyersOrder = fixtureOrder(seller, otherBuyer, [{ skuId: skuB, quantity: 1 }]);
  const cancelledOrder = fixtureOrder(seller, buyer, [{ skuId: scarce, quantity: 2 }]);
  const fiveUnitOrders = [1, 2, 3].map(() => fixtureOrder(seller, buyer, [{ skuId: skuA, quantity: 5 }]));
  const [lineA, lineB] = lineIdsOf(order);
  let firstReturnId: string;

  const requestReturn = (identity: Identity, input: RequestInput) => api.requestReturn(identity, input);
  const oneUnit = (o: OrderFixture) => ({ orderId: o.orderId, lines: [{ orderLineId: lineIdsOf(o)[0], quantity: 1 }] });

  beforeAll(async () => {
    stack = await startTestStack('returns', { subgraphs: ['returns'], env: { CLOCK_MODE: 'controlled' } });
    api = new ReturnsApi(stack);
    returnsDb = await stack.db('returns');
    feed = new OrderFeed(stack, returnsDb);
    await feed.placed([otherBuyersOrder]);
    // Catalog could not reserve the scarce SKU: orders cancels the order (SYSTEM) straight from PENDING.
    await feed.feed([...cancelledOrder.place(), ...cancelledOrder.cancel({ by: 'SYSTEM', reason: 'INSUFFICIENT_STOCK' })]);
    await waitForProjection(returnsDb, cancelledOrder.orderId, 'CANCELLED', 1);
    // After-sales requests need shipped units: these orders are paid and shipped, the first one delivered.
    await feed.shipped([order], { deliver: true });
    await feed.shipped([bulkOrder, ...fiveUnitOrders]);
    expect(order.status).toBe('DELIVERED');
    expect(bulkOrder.status).toBe('AWAITING_COLLECTION');
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('opens a pending return request with its lines and return.requested in the outbox', async () => {
    const input = {
      orderId: order.orderId,
      reason: 'WRONG_ITEM',
      reasonText: ' Sent blue, ordered red ',
      lines: [{ orderLineId: lineA, quantity: 2 }],
      idempotencyKey: newIdempotencyKey(),
    };
    const request = dataOf(await api.call<{ requestReturn: RequestedReturn }>(buyer, REQUEST_RETURN, { input })).requestReturn;
    expect(request).toMatchObject({
      status: 'RETURN_OR_REFUND_REQUEST_PENDING',
      reason: 'WRONG_ITEM',
      reasonText: 'Sent blue, ordered red',
      order: { id: order.orderId },
      lines: [{ orderLineId: lineA, quantity: 2 }],
    });
    expect(request.id).toMatch(/^ret_/);
    expect(request.lines[0].id).toMatch(/^rln_/);
    firstReturnId = request.id;

    const outbox = await returnsDb.query<{ topic: string; event_type: string }>(`SELECT topic, event_type FROM outbox WHERE message_key = $1`, [request.id]);
    expect(outbox.rows).toEqual([{ topic: 'returns.return.v1', event_type: 'return.requested' }]);
    const [event] = await outboxEvents<ReturnRequestedV1>(returnsDb, { key: request.id });
    expect(event).toMatchObject({
      sellerId: seller.sellerId,
      aggregateType: 'ReturnRequest',
      actor: { type: 'BUYER', id: buyer.userId },
      payload: {
        returnId: request.id,
        orderId: order.orderId,
        buyerId: buyer.userId,
        reason: 'WRONG_ITEM',
        lines: [{ returnLineId: request.lines[0].id, orderLineId: lineA, quantity: 2 }],
      },
    });
    // The SKU comes from returns' read model of the order line.
    expect(event.payload.lines[0].skuId).toBe(skuA);
    await waitForPublished(returnsDb, request.id, 'return.requested');

    const again = await api.call<{ requestReturn: RequestedReturn }>(buyer, REQUEST_RETURN, { input });
    expect(dataOf(again).requestReturn.id).toBe(request.id);
    const conflicting = await api.call(buyer, REQUEST_RETURN, { input: { ...input, lines: [{ orderLineId: lineA, quantity: 1 }] } });
    expect(errorCodes(conflicting)).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it("adds Order.returns, scoped to the shop's staff and the order's buyer, one statement for many orders", async () => {
    type OrderReturns = { id: string; returns: Array<{ id: string; status: ReturnStatus; lines: Array<{ orderLineId: string; quantity: number }> }> };
    const ids = [order.orderId, bulkOrder.orderId];
    const asSeller = await api.entities<OrderReturns>(seller, 'Order', 'id returns { id status lines { orderLineId quantity } }', ids);
    expect(dataOf(asSeller)._entities).toEqual([
      { id: order.orderId, returns: [{ id: firstReturnId, status: 'RETURN_OR_REFUND_REQUEST_PENDING', lines: [{ orderLineId: lineA, quantity: 2 }] }] },
      { id: bulkOrder.orderId, returns: [] },
    ]);
    const asBuyer = await api.entities<{ returns: Array<{ id: string }> }>(buyer, 'Order', 'returns { id }', ids);
    expect(dataOf(asBuyer)._entities.map((o) => o?.returns.length)).toEqual([1, 0]);
    expect(asBuyer.extensions?.sqlStatements).toBe(1);
    for (const stranger of [otherBuyer, newSeller()]) {
      const result = await api.entities<{ returns: Array<{ id: string }> }>(stranger, 'Order', 'returns { id }', ids);
      expect(dataOf(result)._entities).toEqual([{ returns: [] }, { returns: [] }]);
    }
  });

  it('opens at most 5 after-sales requests on an order, also when 8 arrive at once, refusing the rest with a typed error', async () => {
    const line = [{ orderLineId: lineIdsOf(bulkOrder)[0], quantity: 1 }];
    const keys = Array.from({ length: 8 }, () => newIdempotencyKey());
    const results = await Promise.all(keys.map((idempotencyKey) => requestReturn(buyer, { orderId: bulkOrder.orderId, lines: line, idempotencyKey })));
    const refused = results.filter((r) => r.errors);
    expect(results.length - refused.length).toBe(5);
    expect(refused.map((r) => errorCodes(r))).toEqual([['INVALID_TRANSITION'], ['INVALID_TRANSITION'], ['INVALID_TRANSITION']]);
    expect(refused[0].errors?.[0].extensions).toMatchObject({ entity: 'Order', action: 'requestReturn', reason: 'AFTER_SALES_REQUEST_LIMIT', limit: 5 });
    const written = await returnsDb.query<{ requests: number; events: number }>(
      `SELECT count(*)::int AS requests, (SELECT count(*)::int FROM outbox WHERE event_type = 'return.requested' AND envelope->'payload'->>'orderId' = $1) AS events
         FROM return_requests WHERE order_id = $1`,
      [bulkOrder.orderId],
    );
    expect(written.rows[0]).toEqual({ requests: 5, events: 5 });

    // A retry of an accepted request still answers with its request; a new one is refused, units left or not.
    const accepted = results.findIndex((r) => !r.errors);
    const retry = await requestReturn(buyer, { orderId: bulkOrder.orderId, lines: line, idempotencyKey: keys[accepted] });
    expect(dataOf(retry).requestReturn.id).toBe(dataOf(results[accepted]).requestReturn.id);
    expect(errorCodes(await requestReturn(buyer, { orderId: bulkOrder.orderId, lines: line }))).toEqual(['INVALID_TRANSITION']);
  });

  it('resolves ~20 ReturnRequest representations with one SQL statement, unknown ids as null', async () => {
    const ids = (await returnsDb.query<{ id: string }>(`SELECT id FROM return_requests WHERE order_id = $1 ORDER BY id`, [bulkOrder.orderId])).rows.map(
      (r) => r.id,
    );
    for (const fiveUnits of fiveUnitOrders) {
      for (let i = 0; i < 5; i += 1) ids.push(dataOf(await requestReturn(buyer, oneUnit(fiveUnits))).requestReturn.id);
    }
    expect(ids).toHaveLength(20);
    type Summary = { id: string; status: ReturnStatus; reason: string; order: { id: string }; createdAt: string };
    const result = await api.entities<Summary>(seller, 'ReturnRequest', 'id status reason order { id } createdAt', [...ids, 'ret_unknown']);
    const entities = dataOf(result)._entities;
    expect(entities.slice(0, 20).map((e) => e?.id)).toEqual(ids);
    expect(entities[20]).toBeNull();
    expect(result.extensions?.sqlStatements).toBe(1);
    const withLines = await api.entities<{ id: string; lines: Array<{ quantity: number }> }>(buyer, 'ReturnRequest', 'id lines { quantity }', [
      ...ids,
      'ret_unknown',
    ]);
    expect(withLines.extensions?.sqlStatements).toBe(2);
    const stranger = await api.entities<{ id: string }>(otherBuyer, 'ReturnRequest', 'id', ids.slice(0, 3));
    expect(dataOf(stranger)._entities).toEqual([null, null, null]);
  });

  it("lists the shop's return requests for its staff only, newest first, by status", async () => {
    type Page = { returnRequests: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
    const selection = 'returnRequests(first: 5, status: RETURN_OR_REFUND_REQUEST_PENDING) { nodes { id } pageInfo { hasNextPage endCursor } }';
    const [page] = dataOf(await api.entities<Page>(seller, 'Shop', selection, [seller.sellerId!]))._entities;
    const connection = page!.returnRequests;
    expect(connection.nodes).toHaveLength(5);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    const ids = connection.nodes.map((n) => n.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const none = await api.entities<Page>(seller, 'Shop', 'returnRequests(status: RETURN_OR_REFUND_REQUEST_CANCEL) { nodes { id } }', [seller.sellerId!]);
    expect(dataOf(none)._entities[0]?.returnRequests.nodes).toEqual([]);
    const foreign = await api.entities<Page>(newSeller(), 'Shop', selection, [seller.sellerId!]);
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
    const byId = await api.call<{ returnRequest: { id: string; order: { id: string } } | null }>(
      buyer,
      `query($id: ID!) { returnRequest(id: $id) { id order { id } } }`,
      { id: firstReturnId },
    );
    expect(dataOf(byId).returnRequest).toEqual({ id: firstReturnId, order: { id: order.orderId } });
  });

  it.each([
    ['quantity 0', () => ({ orderId: order.orderId, lines: [{ orderLineId: lineB, quantity: 0 }] }), 'VALIDATION_FAILED'],
    ['more than ordered', () => ({ orderId: order.orderId, lines: [{ orderLineId: lineB, quantity: 2 }] }), 'VALIDATION_FAILED'],
    ['more than not yet requested', () => ({ orderId: order.orderId, lines: [{ orderLineId: lineA, quantity: 2 }] }), 'VALIDATION_FAILED'],
    [
      'a duplicate line',
      () => ({
        orderId: order.orderId,
        lines: [
          { orderLineId: lineB, quantity: 1 },
          { orderLineId: lineB, quantity: 1 },
        ],
      }),
      'VALIDATION_FAILED',
    ],
    ['a line of another order', () => ({ orderId: order.orderId, lines: [{ orderLineId: lineIdsOf(bulkOrder)[0], quantity: 1 }] }), 'VALIDATION_FAILED'],
    ['an unknown order', () => ({ orderId: 'ord_doesnotexist0000000000', lines: [{ orderLineId: lineB, quantity: 1 }] }), 'NOT_FOUND'],
    ["another buyer's order", () => oneUnit(otherBuyersOrder), 'NOT_FOUND'],
    ['a cancelled order', () => oneUnit(cancelledOrder), 'INVALID_TRANSITION'],
  ])('refuses %s with a typed error and writes nothing', async (_name, input, code) => {
    const before = await writtenRows(returnsDb);
    expect(errorCodes(await requestReturn(buyer, input()))).toEqual([code]);
    expect(await writtenRows(returnsDb)).toEqual(before);
  });

  it('refuses a seller as the requester', async () => {
    const before = await writtenRows(returnsDb);
    const result = await requestReturn(seller, { orderId: order.orderId, lines: [{ orderLineId: lineB, quantity: 1 }] });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await writtenRows(returnsDb)).toEqual(before);
  });

  it('lets only one of two concurrent requests take the last unit of a line', async () => {
    const line = [{ orderLineId: lineB, quantity: 1 }];
    const results = await Promise.all([
      requestReturn(buyer, { orderId: order.orderId, lines: line }),
      requestReturn(buyer, { orderId: order.orderId, lines: line }),
    ]);
    expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['OK', 'VALIDATION_FAILED']);
    const held = await returnsDb.query<{ units: number }>(`SELECT sum(quantity)::int AS units FROM return_lines WHERE order_line_id = $1`, [lineB]);
    expect(held.rows[0].units).toBe(1);
  });

  it('builds the read model from order events delivered out of order', async () => {
    const confirmedFirst = fixtureOrder(seller, buyer, [{ quantity: 3, unitPrice: '300' }]);
    const cancelledFirst = fixtureOrder(seller, buyer, [{ quantity: 3, unitPrice: '300' }]);
    const [placed, confirmed, paid, released, shipped] = [
      confirmedFirst.place(),
      confirmedFirst.confirm(),
      confirmedFirst.pay(),
      confirmedFirst.releaseHold(),
      confirmedFirst.ship(),
    ];
    expect(shipped.map((e) => [e.type, e.aggregateVersion])).toEqual([
      ['order.status_changed', 5],
      ['package.shipped', 5],
    ]);

    // Shipment before everything else: the shipped units and the newest status wait for order.placed, and
    // until it arrives the order has no buyer, so nobody can request a return on it.
    await feed.feed(shipped);
    expect(await statusInReturns(returnsDb, confirmedFirst.orderId)).toBe('AWAITING_COLLECTION');
    expect(errorCodes(await requestReturn(buyer, oneUnit(confirmedFirst)))).toEqual(['NOT_FOUND']);
    await feed.publish([...released, ...paid, ...confirmed, ...placed]);
    const [cPlaced, cConfirmed, cCancelled] = [cancelledFirst.place(), cancelledFirst.confirm(), cancelledFirst.cancel({ reason: 'BUYER_CHANGED_MIND' })];
    await feed.publish([...cCancelled, ...cConfirmed, ...cPlaced]);
    await waitForInbox(
      returnsDb,
      [...released, ...paid, ...confirmed, ...placed, ...cCancelled, ...cConfirmed, ...cPlaced].map((e) => e.id),
    );
    await waitForProjection(returnsDb, confirmedFirst.orderId, 'AWAITING_COLLECTION', 1);
    await waitForShipped(returnsDb, confirmedFirst.orderId, 3);
    await waitForProjection(returnsDb, cancelledFirst.orderId, 'CANCELLED', 1);

    const result = await requestReturn(buyer, { orderId: confirmedFirst.orderId, lines: [{ orderLineId: lineIdsOf(confirmedFirst)[0], quantity: 3 }] });
    expect(dataOf(result).requestReturn.status).toBe('RETURN_OR_REFUND_REQUEST_PENDING');
    expect(errorCodes(await requestReturn(buyer, oneUnit(cancelledFirst)))).toEqual(['INVALID_TRANSITION']);
  });
});
