import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { newId } from '@sc/db';
import { createKafka, physicalTopic } from '@sc/messaging';
import { TestStack, errorCodes, eventually, newBuyer, newIdempotencyKey, newSeller, startTestStack, testEvent } from '@sc/testing';
import {
  HOUR,
  REQUEST_RETURN,
  caller,
  createSku,
  entitiesQuery,
  moveOrdersClock,
  ordersMutation,
  placeOrder,
  shipPackage,
  waitForProjection,
  waitForShipped,
  writtenRows,
} from './return-flow.helpers';

// Orders runs a controlled clock so paid orders get past the buyer-remorse hour and ship.
process.env.CLOCK_MODE = 'controlled';

// Returns with catalog and orders over real Kafka and PostgreSQL: the order read model, requestReturn,
// the federation fields returns contributes, and refusals that write nothing.
describe('return requests (catalog + orders + returns)', () => {
  let stack: TestStack;
  let returnsDb: Client;
  const seller = newSeller();
  const buyer = newBuyer();
  const otherBuyer = newBuyer();
  let returns: (identity: Identity, query: string, variables?: unknown) => ReturnType<ReturnType<typeof caller>>;
  let order: { id: string; lineIds: string[] };
  let bulkOrder: { id: string; lineIds: string[] };
  let fiveUnitOrders: Array<{ id: string; lineIds: string[] }>;
  let otherBuyersOrder: { id: string; lineIds: string[] };
  let cancelledOrder: { id: string; lineIds: string[] };
  let firstReturnId: string;

  const requestReturn = (identity: Identity, input: Record<string, unknown>) =>
    returns(identity, REQUEST_RETURN, { input: { reason: 'DAMAGED', idempotencyKey: newIdempotencyKey(), ...input } });

  beforeAll(async () => {
    stack = await startTestStack('returns', { subgraphs: ['catalog', 'orders', 'returns'] });
    returns = caller(stack, 'returns');
    returnsDb = await stack.db('returns');
    const shop = await caller(stack, 'catalog')(
      seller,
      `mutation { registerShop(input: { name: "Returns shop", currencyCode: "USD", timeZone: "Asia/Jakarta" }) { id } }`,
    );
    expect(shop.errors).toBeUndefined();
    const [skuA, skuB, scarce] = await Promise.all([createSku(stack, seller, 50), createSku(stack, seller, 50), createSku(stack, seller, 1)]);
    [order, bulkOrder, otherBuyersOrder, cancelledOrder, ...fiveUnitOrders] = await Promise.all([
      placeOrder(stack, buyer, seller, [
        { skuId: skuA, quantity: 3 },
        { skuId: skuB, quantity: 1 },
      ]),
      placeOrder(stack, buyer, seller, [{ skuId: skuA, quantity: 20 }]),
      placeOrder(stack, otherBuyer, seller, [{ skuId: skuB, quantity: 1 }]),
      placeOrder(stack, buyer, seller, [{ skuId: scarce, quantity: 2 }], 'CANCELLED'),
      ...[1, 2, 3].map(() => placeOrder(stack, buyer, seller, [{ skuId: skuA, quantity: 5 }])),
    ]);
    // After-sales requests need shipped units: these orders are paid and shipped, the first one delivered.
    for (const o of [order, bulkOrder, ...fiveUnitOrders]) await ordersMutation(stack, buyer, 'payOrder', 'OrderCommandInput', { orderId: o.id });
    await moveOrdersClock(stack, HOUR + 1);
    await shipPackage(stack, seller, order, [3, 1], true);
    await shipPackage(stack, seller, bulkOrder, [20]);
    for (const o of fiveUnitOrders) await shipPackage(stack, seller, o, [5]);
    // One after another: they share one pg client, which must not run two queries at once.
    await waitForShipped(returnsDb, order.id, 4, 'DELIVERED');
    for (const o of [bulkOrder, ...fiveUnitOrders]) await waitForShipped(returnsDb, o.id, o === bulkOrder ? 20 : 5, 'AWAITING_COLLECTION');
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('opens a pending return request with its lines and return.requested in the outbox', async () => {
    const key = newIdempotencyKey();
    const input = {
      orderId: order.id,
      reason: 'WRONG_ITEM',
      reasonText: ' Sent blue, ordered red ',
      lines: [{ orderLineId: order.lineIds[0], quantity: 2 }],
      idempotencyKey: key,
    };
    const result = await returns(buyer, REQUEST_RETURN, { input });
    expect(result.errors).toBeUndefined();
    const request = (result.data as any).requestReturn;
    expect(request).toMatchObject({
      status: 'RETURN_OR_REFUND_REQUEST_PENDING',
      reason: 'WRONG_ITEM',
      reasonText: 'Sent blue, ordered red',
      order: { id: order.id },
      lines: [{ orderLineId: order.lineIds[0], quantity: 2 }],
    });
    expect(request.id).toMatch(/^ret_/);
    expect(request.lines[0].id).toMatch(/^rln_/);
    firstReturnId = request.id;

    const outbox = await returnsDb.query(`SELECT topic, event_type, envelope FROM outbox WHERE message_key = $1`, [request.id]);
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]).toMatchObject({ topic: 'returns.return.v1', event_type: 'return.requested' });
    expect(outbox.rows[0].envelope).toMatchObject({
      sellerId: seller.sellerId,
      aggregateType: 'ReturnRequest',
      actor: { type: 'BUYER', id: buyer.userId },
      payload: {
        returnId: request.id,
        orderId: order.id,
        buyerId: buyer.userId,
        reason: 'WRONG_ITEM',
        lines: [{ returnLineId: request.lines[0].id, orderLineId: order.lineIds[0], quantity: 2 }],
      },
    });
    expect(outbox.rows[0].envelope.payload.lines[0].skuId).toMatch(/^sku_/);
    await eventually(
      async () => (await returnsDb.query(`SELECT published_at FROM outbox WHERE message_key = $1`, [request.id])).rows[0].published_at,
      (at) => at !== null,
    );

    const again = await returns(buyer, REQUEST_RETURN, { input });
    expect((again.data as any).requestReturn.id).toBe(request.id);
    const conflicting = await returns(buyer, REQUEST_RETURN, { input: { ...input, lines: [{ orderLineId: order.lineIds[0], quantity: 1 }] } });
    expect(errorCodes(conflicting)).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it("adds Order.returns, scoped to the shop's staff and the order's buyer, one statement for many orders", async () => {
    const query = entitiesQuery('... on Order { id returns { id status lines { orderLineId quantity } } }');
    const representations = [order, bulkOrder].map((o) => ({ __typename: 'Order', id: o.id }));
    const asSeller = await returns(seller, query, { r: representations });
    expect(asSeller.errors).toBeUndefined();
    expect((asSeller.data as any)._entities).toEqual([
      { id: order.id, returns: [{ id: firstReturnId, status: 'RETURN_OR_REFUND_REQUEST_PENDING', lines: [{ orderLineId: order.lineIds[0], quantity: 2 }] }] },
      { id: bulkOrder.id, returns: [] },
    ]);
    const asBuyer = await returns(buyer, entitiesQuery('... on Order { returns { id } }'), { r: representations });
    expect((asBuyer.data as any)._entities.map((o: any) => o.returns.length)).toEqual([1, 0]);
    expect(asBuyer.extensions?.sqlStatements).toBe(1);
    for (const stranger of [otherBuyer, newSeller()]) {
      const result = await returns(stranger, entitiesQuery('... on Order { returns { id } }'), { r: representations });
      expect((result.data as any)._entities).toEqual([{ returns: [] }, { returns: [] }]);
    }
  });

  it('opens at most 5 after-sales requests on an order, also when 8 arrive at once, refusing the rest with a typed error', async () => {
    const line = [{ orderLineId: bulkOrder.lineIds[0], quantity: 1 }];
    const keys = Array.from({ length: 8 }, () => newIdempotencyKey());
    const results = await Promise.all(keys.map((idempotencyKey) => requestReturn(buyer, { orderId: bulkOrder.id, lines: line, idempotencyKey })));
    const refused = results.filter((r) => r.errors);
    expect(results.length - refused.length).toBe(5);
    expect(refused.map((r) => errorCodes(r))).toEqual([['INVALID_TRANSITION'], ['INVALID_TRANSITION'], ['INVALID_TRANSITION']]);
    expect(refused[0].errors![0].extensions).toMatchObject({ entity: 'Order', action: 'requestReturn', reason: 'AFTER_SALES_REQUEST_LIMIT', limit: 5 });
    const written = await returnsDb.query(
      `SELECT count(*)::int AS requests, (SELECT count(*)::int FROM outbox WHERE event_type = 'return.requested' AND envelope->'payload'->>'orderId' = $1) AS events
         FROM return_requests WHERE order_id = $1`,
      [bulkOrder.id],
    );
    expect(written.rows[0]).toEqual({ requests: 5, events: 5 });

    // A retry of an accepted request still answers with its request; a new one is refused, units left or not.
    const accepted = results.findIndex((r) => !r.errors);
    const retry = await requestReturn(buyer, { orderId: bulkOrder.id, lines: line, idempotencyKey: keys[accepted] });
    expect((retry.data as any).requestReturn.id).toBe((results[accepted].data as any).requestReturn.id);
    expect(errorCodes(await requestReturn(buyer, { orderId: bulkOrder.id, lines: line }))).toEqual(['INVALID_TRANSITION']);
  });

  it('resolves ~20 ReturnRequest representations with one SQL statement, unknown ids as null', async () => {
    const ids: string[] = (await returnsDb.query(`SELECT id FROM return_requests WHERE order_id = $1 ORDER BY id`, [bulkOrder.id])).rows.map((r) => r.id);
    for (const fiveUnits of fiveUnitOrders) {
      for (let i = 0; i < 5; i += 1) {
        const result = await requestReturn(buyer, { orderId: fiveUnits.id, lines: [{ orderLineId: fiveUnits.lineIds[0], quantity: 1 }] });
        expect(result.errors).toBeUndefined();
        ids.push((result.data as any).requestReturn.id);
      }
    }
    expect(ids).toHaveLength(20);
    const representations = [...ids, 'ret_unknown'].map((id) => ({ __typename: 'ReturnRequest', id }));
    const result = await returns(seller, entitiesQuery('... on ReturnRequest { id status reason order { id } createdAt }'), { r: representations });
    expect(result.errors).toBeUndefined();
    const entities = (result.data as any)._entities;
    expect(entities.slice(0, 20).map((e: any) => e.id)).toEqual(ids);
    expect(entities[20]).toBeNull();
    expect(result.extensions?.sqlStatements).toBe(1);
    const withLines = await returns(buyer, entitiesQuery('... on ReturnRequest { id lines { quantity } }'), { r: representations });
    expect(withLines.extensions?.sqlStatements).toBe(2);
    const stranger = await returns(otherBuyer, entitiesQuery('... on ReturnRequest { id }'), { r: representations.slice(0, 3) });
    expect((stranger.data as any)._entities).toEqual([null, null, null]);
  });

  it("lists the shop's return requests for its staff only, newest first, by status", async () => {
    const query = entitiesQuery(
      '... on Shop { returnRequests(first: 5, status: RETURN_OR_REFUND_REQUEST_PENDING) { nodes { id } pageInfo { hasNextPage endCursor } } }',
    );
    const page = await returns(seller, query, { r: [{ __typename: 'Shop', id: seller.sellerId }] });
    expect(page.errors).toBeUndefined();
    const connection = (page.data as any)._entities[0].returnRequests;
    expect(connection.nodes).toHaveLength(5);
    expect(connection.pageInfo.hasNextPage).toBe(true);
    const ids = connection.nodes.map((n: any) => n.id);
    expect([...ids].sort().reverse()).toEqual(ids);
    const none = await returns(seller, entitiesQuery('... on Shop { returnRequests(status: RETURN_OR_REFUND_REQUEST_CANCEL) { nodes { id } } }'), {
      r: [{ __typename: 'Shop', id: seller.sellerId }],
    });
    expect((none.data as any)._entities[0].returnRequests.nodes).toEqual([]);
    const foreign = await returns(newSeller(), query, { r: [{ __typename: 'Shop', id: seller.sellerId }] });
    expect(errorCodes(foreign)).toEqual(['FORBIDDEN']);
    const byId = await returns(buyer, `query($id: ID!) { returnRequest(id: $id) { id order { id } } }`, { id: firstReturnId });
    expect((byId.data as any).returnRequest).toEqual({ id: firstReturnId, order: { id: order.id } });
  });

  it.each([
    ['quantity 0', () => ({ orderId: order.id, lines: [{ orderLineId: order.lineIds[1], quantity: 0 }] }), 'VALIDATION_FAILED'],
    ['more than ordered', () => ({ orderId: order.id, lines: [{ orderLineId: order.lineIds[1], quantity: 2 }] }), 'VALIDATION_FAILED'],
    ['more than not yet requested', () => ({ orderId: order.id, lines: [{ orderLineId: order.lineIds[0], quantity: 2 }] }), 'VALIDATION_FAILED'],
    [
      'a duplicate line',
      () => ({
        orderId: order.id,
        lines: [
          { orderLineId: order.lineIds[1], quantity: 1 },
          { orderLineId: order.lineIds[1], quantity: 1 },
        ],
      }),
      'VALIDATION_FAILED',
    ],
    ['a line of another order', () => ({ orderId: order.id, lines: [{ orderLineId: bulkOrder.lineIds[0], quantity: 1 }] }), 'VALIDATION_FAILED'],
    ['an unknown order', () => ({ orderId: 'ord_doesnotexist0000000000', lines: [{ orderLineId: order.lineIds[1], quantity: 1 }] }), 'NOT_FOUND'],
    ["another buyer's order", () => ({ orderId: otherBuyersOrder.id, lines: [{ orderLineId: otherBuyersOrder.lineIds[0], quantity: 1 }] }), 'NOT_FOUND'],
    ['a cancelled order', () => ({ orderId: cancelledOrder.id, lines: [{ orderLineId: cancelledOrder.lineIds[0], quantity: 1 }] }), 'INVALID_TRANSITION'],
  ])('refuses %s with a typed error and writes nothing', async (_name, input, code) => {
    const before = await writtenRows(returnsDb);
    expect(errorCodes(await requestReturn(buyer, input()))).toEqual([code]);
    expect(await writtenRows(returnsDb)).toEqual(before);
  });

  it('refuses a seller as the requester', async () => {
    const before = await writtenRows(returnsDb);
    const result = await requestReturn(seller, { orderId: order.id, lines: [{ orderLineId: order.lineIds[1], quantity: 1 }] });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await writtenRows(returnsDb)).toEqual(before);
  });

  it('lets only one of two concurrent requests take the last unit of a line', async () => {
    const line = [{ orderLineId: order.lineIds[1], quantity: 1 }];
    const results = await Promise.all([requestReturn(buyer, { orderId: order.id, lines: line }), requestReturn(buyer, { orderId: order.id, lines: line })]);
    expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['OK', 'VALIDATION_FAILED']);
    const held = await returnsDb.query(`SELECT sum(quantity)::int AS units FROM return_lines WHERE order_line_id = $1`, [order.lineIds[1]]);
    expect(held.rows[0].units).toBe(1);
  });

  it('builds the read model from order events delivered out of order', async () => {
    const kafka = createKafka({ brokers: stack.settings.kafkaBrokers.split(','), clientId: 'returns-e2e', topicPrefix: stack.settings.topicPrefix });
    const producer = kafka.producer();
    await producer.connect();
    const publish = async (orderId: string, version: number, type: string, payload: object) => {
      const event = testEvent({
        type,
        source: 'orders',
        sellerId: seller.sellerId!,
        aggregateType: 'Order',
        aggregateId: orderId,
        aggregateVersion: version,
        actor: { type: 'SYSTEM', id: null },
        payload,
      });
      await producer.send({ topic: physicalTopic(stack.settings, 'orders.order.v1'), acks: -1, messages: [{ key: orderId, value: JSON.stringify(event) }] });
    };
    const placed = (orderId: string, lineId: string) => ({
      orderId,
      buyerId: buyer.userId,
      total: { amountMinor: '900', currencyCode: 'USD' },
      lines: [
        {
          orderLineId: lineId,
          skuId: 'sku_outoforder000000000000',
          productId: 'prd_outoforder000000000000',
          quantity: 3,
          unitPrice: { amountMinor: '300', currencyCode: 'USD' },
        },
      ],
    });
    const [confirmedFirst, cancelledFirst] = [newId('ord'), newId('ord')];
    const lineId = newId('oln');
    try {
      // Shipment before everything else: the shipped units and the newest status wait for order.placed.
      await publish(confirmedFirst, 5, 'package.shipped', {
        orderId: confirmedFirst,
        packageId: newId('pkg'),
        carrier: 'UPS',
        trackingNumber: '1ZOUTOFORDER',
        lines: [{ orderLineId: lineId, skuId: 'sku_outoforder000000000000', quantity: 3 }],
      });
      await publish(confirmedFirst, 5, 'order.status_changed', {
        orderId: confirmedFirst,
        from: 'AWAITING_SHIPMENT',
        to: 'AWAITING_COLLECTION',
        actor: 'SELLER_STAFF',
        reason: 'PACKAGE_SHIPPED',
      });
      await publish(confirmedFirst, 2, 'order.confirmed', { orderId: confirmedFirst, status: 'UNPAID' });
      await publish(confirmedFirst, 1, 'order.placed', placed(confirmedFirst, lineId));
      await publish(cancelledFirst, 3, 'order.cancelled', { orderId: cancelledFirst, reason: 'BUYER_CHANGED_MIND', cancelledBy: 'BUYER' });
      await publish(cancelledFirst, 2, 'order.confirmed', { orderId: cancelledFirst, status: 'UNPAID' });
      await publish(cancelledFirst, 1, 'order.placed', placed(cancelledFirst, newId('oln')));
    } finally {
      await producer.disconnect();
    }
    await waitForProjection(returnsDb, confirmedFirst, 'AWAITING_COLLECTION', 1);
    await waitForShipped(returnsDb, confirmedFirst, 3);
    await waitForProjection(returnsDb, cancelledFirst, 'CANCELLED', 1);

    const result = await requestReturn(buyer, { orderId: confirmedFirst, lines: [{ orderLineId: lineId, quantity: 3 }] });
    expect(result.errors).toBeUndefined();
    expect((result.data as any).requestReturn.status).toBe('RETURN_OR_REFUND_REQUEST_PENDING');
    const cancelled = await requestReturn(buyer, { orderId: cancelledFirst, lines: [{ orderLineId: lineId, quantity: 1 }] });
    expect(errorCodes(cancelled)).toEqual(['INVALID_TRANSITION']);
  });
});
