import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Identity } from '@sc/auth';
import { createDataSource } from '@sc/db';
import { databaseUrlOf } from '@sc/stack';
import { TestStack, eventually, moveClock, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { ActionCounters } from '../src/dashboard/sales-summary.model';
import { SalesSummaryQueries } from '../src/dashboard/sales-summary.queries';
import { announceLiveProduct, announceShop } from './support/catalog-feed';
import { CancellationStatus, OrderStatus, ShopEntities, callOrders, orderMutationOk, placeReservedOrder } from './support/orders-subgraph';

// The home dashboard's action counters are kept by triggers (migration 1764510000000). Through the real write
// paths (place, pay, remorse timer, cancellation requests, partial shipment, line cancellation, seller cancel,
// auto-cancel, inquiries), they must equal the live count(*) definitions at every step, for any "now": the 24 h
// windows are probed at their edges (deadline exactly at now + 24 h, one millisecond either side, whole hours).
// Orders runs alone: catalog's shops, products and stock reservations arrive as fixtures (support/catalog-feed).
process.env.CLOCK_MODE = 'controlled';

const HOUR = 3_600_000;

/** What the counters mean: the count(*)s the dashboard ran before the counters were kept. */
async function liveCounters(db: Client, sellerId: string, now: Date): Promise<ActionCounters> {
  const soon = new Date(now.getTime() + 24 * HOUR);
  const {
    rows: [row],
  } = await db.query(
    `SELECT (SELECT count(*) FROM orders WHERE seller_id = $1 AND status = 'AWAITING_SHIPMENT')::int AS "awaitingShipment",
            (SELECT count(*) FROM orders WHERE seller_id = $1 AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')
                AND ship_by_at > $2 AND ship_by_at <= $3)::int AS "toShipWithin24h",
            (SELECT count(*) FROM orders WHERE seller_id = $1 AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')
                AND auto_cancel_at > $2 AND auto_cancel_at <= $3)::int AS "autoCancelWithin24h",
            (SELECT count(*) FROM orders WHERE seller_id = $1 AND open_cancellation_id IS NOT NULL)::int AS "pendingCancellationRequests",
            (SELECT count(*) FROM conversations WHERE seller_id = $1 AND seller_unread_count > 0)::int AS "unreadInquiries"`,
    [sellerId, now, soon],
  );
  return row;
}

/** Instants where a 24 h window starts or ends on a deadline, a millisecond either side of it, and on whole hours. */
function probeInstants(now: Date, deadlines: Date[]): Date[] {
  const instants = [now.getTime(), Math.floor(now.getTime() / HOUR) * HOUR];
  for (const deadline of deadlines.map((d) => d.getTime())) {
    const hour = Math.floor(deadline / HOUR) * HOUR;
    for (const edge of [deadline, deadline - 24 * HOUR, hour, hour - 24 * HOUR, hour + HOUR - 24 * HOUR]) instants.push(edge - 1, edge, edge + 1);
  }
  return [...new Set(instants)].sort((a, b) => a - b).map((t) => new Date(t));
}

/** The order fields these tests read. */
interface CounterOrderView {
  id: string;
  status: OrderStatus;
  shipByDeadline: string | null;
  autoCancelAt: string | null;
  lines: Array<{ id: string; quantity: number }>;
  cancellationRequests: Array<{ id: string; status: CancellationStatus }>;
}

/** What cancellation mutations select here. */
interface WithCancellationRequests {
  cancellationRequests: Array<{ id: string; status: CancellationStatus }>;
}

describe('home dashboard action counters under every order and inquiry write path (orders, catalog events as fixtures, controlled clock)', () => {
  let stack: TestStack;
  let db: Client;
  let dataSource: DataSource;
  const seller = newSeller();
  const otherSeller = newSeller();
  const buyer = newBuyer();

  const call = <T>(identity: Identity, query: string, variables?: unknown) => callOrders<T>(stack, identity, query, variables);
  const ok = <T = { id: string; status: OrderStatus }>(
    identity: Identity,
    name: string,
    inputType: string,
    input: Record<string, unknown>,
    selection?: string,
  ) => orderMutationOk<T>(stack, identity, name, inputType, input, selection);

  const ORDER_FIELDS = 'id status shipByDeadline autoCancelAt lines { id quantity } cancellationRequests { id status }';
  const getOrder = async (id: string) => {
    const result = await call<{ order: CounterOrderView }>(seller, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id });
    expect(result.errors).toBeUndefined();
    return result.data!.order;
  };

  /** A live product's SKU at 15.00 USD, as catalog announced it, once orders' price read model has it sellable. */
  async function createSku(owner: Identity): Promise<string> {
    const { skuIds } = await announceLiveProduct(stack, owner, { title: 'Counter mug', skus: [{ price: '1500' }] });
    return skuIds[0];
  }

  /** Places an order, answers it with catalog's reservation (fixture) and waits until it is UNPAID. */
  const placeUnpaid = (shopOwner: Identity, lines: Array<{ skuId: string; quantity: number }>): Promise<string> =>
    placeReservedOrder(stack, buyer, shopOwner.sellerId!, lines);

  /** Every deadline of the seller's open orders: where the windows' edges matter. */
  const openDeadlines = async (): Promise<Date[]> =>
    (
      await db.query(
        `SELECT d FROM orders, LATERAL (VALUES (ship_by_at), (auto_cancel_at)) AS v (d)
        WHERE seller_id = $1 AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING') AND d IS NOT NULL`,
        [seller.sellerId],
      )
    ).rows.map((r) => r.d as Date);

  /** The kept counters equal the live definitions at the clock's now and at every window edge, for both shops. */
  async function expectExact(step: string): Promise<ActionCounters> {
    const now = new Date((await moveClock(stack.settings, 'orders', { advanceMs: 0 })).now);
    for (const sellerId of [seller.sellerId!, otherSeller.sellerId!]) {
      for (const at of probeInstants(now, await openDeadlines())) {
        const kept = await new SalesSummaryQueries(dataSource, { now: () => at }).actionCounters(sellerId);
        expect({ step, sellerId, at: at.toISOString(), kept }).toEqual({ step, sellerId, at: at.toISOString(), kept: await liveCounters(db, sellerId, at) });
      }
    }
    const served = await call<ShopEntities<{ actionCounters: ActionCounters }>>(
      seller,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Shop { actionCounters {
      awaitingShipment toShipWithin24h autoCancelWithin24h pendingCancellationRequests unreadInquiries } } } }`,
      { r: [{ __typename: 'Shop', id: seller.sellerId }] },
    );
    expect(served.errors).toBeUndefined();
    const live = await liveCounters(db, seller.sellerId!, now);
    expect({ step, served: served.data!._entities[0].actionCounters }).toEqual({ step, served: live });
    return live;
  }

  beforeAll(async () => {
    stack = await startTestStack('counters', { subgraphs: ['orders'] });
    db = await stack.db('orders');
    dataSource = createDataSource({ url: databaseUrlOf(stack.settings, 'orders'), entities: [], migrations: [], applicationName: 'action-counters-test' });
    await dataSource.initialize();
    for (const owner of [seller, otherSeller]) await announceShop(stack, owner, { name: 'Counter shop', currencyCode: 'USD', timeZone: 'Asia/Kolkata' });
  }, 180_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.dispose();
  });

  it('stay equal to the live counts through placing, paying, cancelling, shipping, auto-cancel and inquiries', async () => {
    // Half past an hour, so deadlines fall inside hours rather than on their edges.
    await moveClock(stack.settings, 'orders', { setTo: '2031-03-03T09:30:17.250Z' });
    const [sku, otherSku] = [await createSku(seller), await createSku(otherSeller)];
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await placeUnpaid(seller, [{ skuId: sku, quantity: 2 }]));
    const otherId = await placeUnpaid(otherSeller, [{ skuId: otherSku, quantity: 1 }]);
    expect(await expectExact('placed')).toMatchObject({ awaitingShipment: 0, toShipWithin24h: 0 });

    // Paid half past an hour (deadlines inside hours) and on the hour (deadlines on bucket edges, if the policy adds whole hours).
    for (const id of [ids[0], ids[1], ids[2], otherId]) await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: id });
    await moveClock(stack.settings, 'orders', { setTo: '2031-03-03T10:00:00.000Z' });
    for (const id of [ids[3], ids[4]]) await ok(buyer, 'payOrder', 'OrderCommandInput', { orderId: id });
    await expectExact('paid (remorse window)');
    await moveClock(stack.settings, 'orders', { advanceMs: HOUR + 1 });
    await eventually(
      () => getOrder(ids[4]),
      (o) => o.status === 'AWAITING_SHIPMENT',
    );
    expect(await expectExact('awaiting shipment')).toMatchObject({ awaitingShipment: 5 });

    const [o1, o2, o3, o4, o5] = ids;
    const requested = await ok<WithCancellationRequests>(
      buyer,
      'requestCancellation',
      'BuyerCancelOrderInput',
      { orderId: o1, reason: 'Changed my mind' },
      'cancellationRequests { id status }',
    );
    expect(await expectExact('cancellation requested')).toMatchObject({ pendingCancellationRequests: 1 });
    await ok(
      seller,
      'rejectCancellation',
      'RejectCancellationInput',
      { cancellationId: requested.cancellationRequests[0].id, reason: 'Already packed' },
      'status',
    );
    expect(await expectExact('cancellation rejected')).toMatchObject({ pendingCancellationRequests: 0 });
    const again = await ok<WithCancellationRequests>(
      buyer,
      'requestCancellation',
      'BuyerCancelOrderInput',
      { orderId: o1, reason: 'Please' },
      'cancellationRequests { id status }',
    );
    const pending = again.cancellationRequests.find((c) => c.status === 'CANCELLATION_REQUEST_PENDING');
    await ok(seller, 'approveCancellation', 'CancellationDecisionInput', { cancellationId: pending!.id }, 'status');
    expect(await expectExact('cancellation approved')).toMatchObject({ awaitingShipment: 4, pendingCancellationRequests: 0 });

    // Part of o2 ships: partially shipping still counts in the windows, no longer as awaiting shipment.
    const o2Order = await getOrder(o2);
    const pkg = await ok<{ id: string }>(
      seller,
      'createPackage',
      'CreatePackageInput',
      { orderId: o2, lines: [{ orderLineId: o2Order.lines[0].id, quantity: 1 }] },
      'id',
    );
    await ok(seller, 'shipPackage', 'ShipPackageInput', { packageId: pkg.id, carrier: 'UPS', trackingNumber: '1Z0000COUNTERS' }, 'status');
    expect((await getOrder(o2)).status).toBe('PARTIALLY_SHIPPING');
    expect(await expectExact('partially shipped')).toMatchObject({ awaitingShipment: 3 });

    const o3Order = await getOrder(o3);
    await ok(
      seller,
      'cancelOrderLines',
      'CancelOrderLinesInput',
      { orderId: o3, reason: 'OUT_OF_STOCK', lines: [{ orderLineId: o3Order.lines[0].id, quantity: 1 }] },
      'status',
    );
    await expectExact('line cancelled');
    await ok(seller, 'sellerCancelOrder', 'SellerCancelOrderInput', { orderId: o3, reason: 'OUT_OF_STOCK' }, 'status');
    expect(await expectExact('seller cancelled')).toMatchObject({ awaitingShipment: 2 });

    // A pending request on o4, then the clock runs into the windows and past the auto-cancel deadlines.
    await ok(buyer, 'requestCancellation', 'BuyerCancelOrderInput', { orderId: o4, reason: 'Too slow' }, 'status');
    const { shipByDeadline, autoCancelAt } = await getOrder(o5);
    await moveClock(stack.settings, 'orders', { setTo: new Date(Date.parse(shipByDeadline!) - 2 * HOUR).toISOString() });
    const nearShipBy = await expectExact('ship-by deadline within 24 h');
    expect(nearShipBy.toShipWithin24h).toBeGreaterThan(0);
    await moveClock(stack.settings, 'orders', { setTo: new Date(Date.parse(autoCancelAt!) - 1).toISOString() });
    expect((await expectExact('auto-cancel a millisecond away')).autoCancelWithin24h).toBeGreaterThan(0);
    await moveClock(stack.settings, 'orders', { setTo: new Date(Date.parse(autoCancelAt!) + 1).toISOString() });
    await eventually(
      () => getOrder(o5),
      (o) => o.status === 'CANCELLED',
    );
    expect(await expectExact('auto-cancelled')).toMatchObject({ awaitingShipment: 0, toShipWithin24h: 0, autoCancelWithin24h: 0 });

    // Inquiries: unread while the buyer's messages are unread, whatever their number.
    const CONVERSATION = 'id unreadCount';
    const started = await call<{ startConversation: { id: string; unreadCount: number } }>(
      buyer,
      `mutation($input: StartConversationInput!) { startConversation(input: $input) { ${CONVERSATION} } }`,
      {
        input: { shopId: seller.sellerId, text: 'Where is my mug?', idempotencyKey: newIdempotencyKey() },
      },
    );
    expect(started.errors).toBeUndefined();
    const conversationId = started.data!.startConversation.id;
    expect(await expectExact('conversation started')).toMatchObject({ unreadInquiries: 1 });
    await call(buyer, `mutation($input: SendMessageInput!) { sendBuyerMessage(input: $input) { ${CONVERSATION} } }`, {
      input: { conversationId, text: 'Hello?', idempotencyKey: newIdempotencyKey() },
    });
    expect(await expectExact('second buyer message')).toMatchObject({ unreadInquiries: 1 });
    await ok(seller, 'markConversationRead', 'ConversationActionInput', { conversationId }, CONVERSATION);
    expect(await expectExact('read')).toMatchObject({ unreadInquiries: 0 });
  }, 240_000);

  it('bucket deadlines by UTC hour in any session time zone, and equal a full recount (the rebuild, one row per key)', async () => {
    const byShard = async () =>
      (
        await db.query(
          `SELECT (SELECT json_agg(json_build_array(seller_id, a, p, u) ORDER BY seller_id) FROM (SELECT seller_id, sum(awaiting_shipment) a, sum(pending_cancellations) p, sum(unread_inquiries) u
                   FROM dashboard_action_counts GROUP BY seller_id HAVING sum(awaiting_shipment) <> 0 OR sum(pending_cancellations) <> 0 OR sum(unread_inquiries) <> 0) c) AS counts,
                (SELECT json_agg(json_build_array(seller_id, hour, s, a) ORDER BY seller_id, hour) FROM (SELECT seller_id, hour, sum(ship_by) s, sum(auto_cancel) a
                   FROM dashboard_deadline_hours GROUP BY seller_id, hour HAVING sum(ship_by) <> 0 OR sum(auto_cancel) <> 0) h) AS hours`,
        )
      ).rows[0];
    // Writes from a session in a half-hour time zone still land in their UTC hour (10:45 UTC -> 10:00 UTC), and
    // deadlines exactly on a whole hour count in that hour's bucket, not in an edge as well.
    await db.query(`SET TIME ZONE 'Asia/Kolkata'`);
    await db.query(
      `INSERT INTO orders (id, seller_id, buyer_id, status, currency_code, total_minor, ship_by_at, auto_cancel_at)
       VALUES ('ord_counters_tz1', $1, $2, 'AWAITING_SHIPMENT', 'USD', 100, '2031-04-01T10:45:00Z', '2031-04-02T00:00:00Z'),
              ('ord_counters_tz2', $1, $2, 'PARTIALLY_SHIPPING', 'USD', 100, '2031-04-01T12:00:00Z', '2031-04-01T10:15:00Z')`,
      [otherSeller.sellerId, buyer.userId],
    );
    await db.query(`SET TIME ZONE 'UTC'`);
    const { rows: hours } = await db.query(
      `SELECT hour, sum(ship_by)::int AS ship_by, sum(auto_cancel)::int AS auto_cancel FROM dashboard_deadline_hours
        WHERE seller_id = $1 AND hour >= '2031-04-01' GROUP BY hour ORDER BY hour`,
      [otherSeller.sellerId],
    );
    expect(hours).toEqual([
      { hour: new Date('2031-04-01T10:00:00Z'), ship_by: 1, auto_cancel: 1 },
      { hour: new Date('2031-04-01T12:00:00Z'), ship_by: 1, auto_cancel: 0 },
      { hour: new Date('2031-04-02T00:00:00Z'), ship_by: 0, auto_cancel: 1 },
    ]);
    const deadlines = ['2031-04-01T10:45:00Z', '2031-04-02T00:00:00Z', '2031-04-01T12:00:00Z', '2031-04-01T10:15:00Z'].map((d) => new Date(d));
    for (const at of probeInstants(new Date('2031-03-31T11:00:00Z'), deadlines)) {
      const kept = await new SalesSummaryQueries(dataSource, { now: () => at }).actionCounters(otherSeller.sellerId!);
      expect({ at: at.toISOString(), kept }).toEqual({ at: at.toISOString(), kept: await liveCounters(db, otherSeller.sellerId!, at) });
    }

    const kept = await byShard();
    await db.query('SELECT dashboard_action_counts_rebuild()');
    expect(await byShard()).toEqual(kept);
    const {
      rows: [shards],
    } = await db.query(
      `SELECT (SELECT count(*) FROM dashboard_action_counts WHERE shard <> 0)::int AS counts, (SELECT count(*) FROM dashboard_deadline_hours WHERE shard <> 0)::int AS hours`,
    );
    expect(shards).toEqual({ counts: 0, hours: 0 });
  });
});
