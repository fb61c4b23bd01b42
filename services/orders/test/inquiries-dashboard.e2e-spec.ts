import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { EventEnvelope, TopicName } from '@sc/events';
import { createDataSource } from '@sc/db';
import { databaseUrlOf } from '@sc/stack';
import {
  TestStack,
  errorCodes,
  eventFixture,
  eventually,
  moveClock,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  productCreatedFixture,
  publishRaw,
  shopRegisteredFixture,
  startTestStack,
} from '@sc/testing';
import { ActionCounters } from '../src/dashboard/sales-summary.model';
import { addDays, localDay } from '../src/dashboard/day-range';
import { rebuildDashboardRollups } from '../src/dashboard/rollup-rebuild';
import { announceShop } from './support/catalog-feed';
import { MoneyView, ShopEntities, callOrders, invalidFields } from './support/orders-subgraph';

// Buyer inquiries and the home dashboard on the orders subgraph alone, with real PostgreSQL and Kafka. Shops and
// products come as catalog announces them (shop.registered, product.created fixtures); payments and cancellations as
// orders publishes them, refunds as returns does and page views as the storefront does: typed, contract-checked
// envelopes published raw (redelivered and reordered on purpose). Time moves with the test clock.

/** A conversation as `CONVERSATION` selects it. */
interface ConversationView {
  id: string;
  status: 'AWAITING_SELLER' | 'AWAITING_BUYER' | 'RESOLVED';
  unreadCount: number;
  replyDueAt: string | null;
  initiatedBy: 'BUYER' | 'SELLER_STAFF';
  orderId: string | null;
}

/** The shop's inquiry fields the inquiry test reads. */
interface ShopInquiriesView {
  unreadConversationCount: number;
  inquiryResponseRate: { rate: number | null; respondedWithin12h: number; eligible: number; window: { from: string; to: string }; definition: string };
  conversationsNearDeadline: Array<{ id: string }>;
  near: { nodes: Array<{ id: string }> };
  unread: { nodes: Array<{ id: string }> };
  actionCounters: Pick<ActionCounters, 'unreadInquiries' | 'awaitingShipment'>;
}

/** `SalesFigures` as the summary query selects it (`currencyCode` of money only on `current.gmv`). */
interface SalesFiguresView {
  from: string;
  to: string;
  gmv: MoneyView;
  refunds: MoneyView;
  netSales: MoneyView;
  orders: number;
  buyers: number;
  averageOrderValue: MoneyView | null;
  visitors: number;
  conversionBasisPoints: number | null;
}

/** `SalesSummary` as the summary query selects it. */
interface SalesSummaryView {
  timeZone: string;
  currencyCode: string;
  current: SalesFiguresView;
  previous: SalesFiguresView;
  daily: Array<{ day: string; gmv: MoneyView; refunds: MoneyView; netSales: MoneyView; orders: number; buyers: number; visitors: number }>;
  definitions: Array<{ metric: string; definition: string }>;
}

/** The dashboard's stored rollups of a shop, as `rollups()` reads them. */
interface StoredRollups {
  sales: Array<{ day: string; gmv_minor: string; net_minor: string; refunds_minor: string; paid_orders: number; buyers: number }>;
  buyers: Array<{ day: string; buyer_id: string; prev_day: string | null }>;
}

describe("buyer inquiries and home dashboard (orders, other services' events as fixtures)", () => {
  let stack: TestStack;
  let db: Client;
  const seller = newSeller();
  const otherSeller = newSeller();
  const [b1, b2, b3, b4, stranger] = [newBuyer(), newBuyer(), newBuyer(), newBuyer(), newBuyer()];
  const HOUR = 3_600_000;

  const orders = <T>(identity: Identity, query: string, variables?: unknown) => callOrders<T>(stack, identity, query, variables);

  async function publishAndWait(topic: TopicName, events: EventEnvelope[]): Promise<void> {
    await publishRaw(stack.settings, topic, events);
    const ids = [...new Set(events.map((e) => e.id))];
    await eventually(
      async () => (await db.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [ids])).rows[0].n,
      (n) => n === ids.length,
    );
  }

  /** Catalog's shop.registered for `identity`'s shop. */
  const registerShop = (identity: Identity, timeZone: string) => shopRegisteredFixture(identity, { name: 'Shop', currencyCode: 'USD', timeZone });

  /** Row counts of everything an inquiry mutation may write. */
  const writeCounts = async () =>
    (
      await db.query(`SELECT (SELECT count(*) FROM conversations)::int AS c, (SELECT count(*) FROM messages)::int AS m,
                             (SELECT count(*) FROM holiday_periods)::int AS h, (SELECT count(*) FROM idempotency_keys)::int AS k,
                             (SELECT count(*) FROM outbox)::int AS o`)
    ).rows[0];

  beforeAll(async () => {
    process.env.CLOCK_MODE = 'controlled';
    process.env.NODE_ENV = 'test';
    stack = await startTestStack('inquiries', { subgraphs: ['orders'] });
    db = await stack.db('orders');
    // Catalog's shop.registered (as registerShop publishes it), which orders projects (time zone, currency).
    for (const [identity, timeZone] of [
      [seller, 'America/New_York'],
      [otherSeller, 'UTC'],
    ] as const) {
      await announceShop(stack, identity, { name: 'Inquiry shop', currencyCode: 'USD', timeZone });
    }
    const shops = await eventually(
      async () =>
        (
          await db.query('SELECT seller_id, time_zone FROM dashboard_shops WHERE seller_id = ANY($1) ORDER BY time_zone', [
            [seller.sellerId, otherSeller.sellerId],
          ])
        ).rows,
      (rows) => rows.length === 2,
    );
    expect(shops).toEqual([
      { seller_id: seller.sellerId, time_zone: 'America/New_York' },
      { seller_id: otherSeller.sellerId, time_zone: 'UTC' },
    ]);
  });

  afterAll(async () => {
    delete process.env.CLOCK_MODE;
    await stack?.dispose();
  });

  describe('inquiries', () => {
    const CONVERSATION = 'id status unreadCount replyDueAt initiatedBy orderId';
    const start = (buyer: Identity, text = 'Is this in stock?', extra: Record<string, unknown> = {}) =>
      orders<{ startConversation: ConversationView }>(
        buyer,
        `mutation($input: StartConversationInput!) { startConversation(input: $input) { ${CONVERSATION} } }`,
        {
          input: { shopId: seller.sellerId, text, idempotencyKey: newIdempotencyKey(), ...extra },
        },
      );
    const reply = (conversationId: string, isAutoReply = false, identity: Identity = seller) =>
      orders<{ replyToConversation: ConversationView }>(
        identity,
        `mutation($input: ReplyToConversationInput!) { replyToConversation(input: $input) { ${CONVERSATION} } }`,
        {
          input: {
            conversationId,
            text: isAutoReply ? 'We will get back to you soon.' : 'Yes, ships tomorrow.',
            isAutoReply,
            idempotencyKey: newIdempotencyKey(),
          },
        },
      );
    const action = <N extends 'resolveConversation' | 'markConversationRead'>(name: N, conversationId: string, identity: Identity = seller) =>
      orders<Record<N, ConversationView>>(identity, `mutation($input: ConversationActionInput!) { ${name}(input: $input) { ${CONVERSATION} } }`, {
        input: { conversationId, idempotencyKey: newIdempotencyKey() },
      });
    const holiday = (on: boolean) =>
      orders<{ setHolidayMode: { on: boolean; periods: Array<{ startedAt: string; endedAt: string | null }> } }>(
        seller,
        `mutation($input: SetHolidayModeInput!) { setHolidayMode(input: $input) { on periods { startedAt endedAt } } }`,
        {
          input: { on, idempotencyKey: newIdempotencyKey() },
        },
      );
    const shopInquiries = async (withinHours = 2) => {
      const result = await orders<ShopEntities<ShopInquiriesView>>(
        seller,
        `query($rep: [_Any!]!, $h: Int!) { _entities(representations: $rep) { ... on Shop {
            unreadConversationCount
            inquiryResponseRate { rate respondedWithin12h eligible window { from to } definition }
            conversationsNearDeadline(withinHours: $h) { id }
            near: conversations(filter: { nearDeadline: true }) { nodes { id } }
            unread: conversations(filter: { unreadOnly: true }, first: 100) { nodes { id } }
            actionCounters { unreadInquiries awaitingShipment }
        } } }`,
        { rep: [{ __typename: 'Shop', id: seller.sellerId }], h: withinHours },
      );
      expect(result.errors).toBeUndefined();
      return result.data!._entities[0];
    };
    const ids: Record<string, string> = {};

    it('runs conversations through replies, holiday mode and deadlines, with an exact response rate', async () => {
      const t0 = new Date((await moveClock(stack.settings, 'orders', { setTo: '2031-01-10T12:00:00Z' })).now);

      const c1 = await start(b1);
      expect(c1.errors).toBeUndefined();
      expect(c1.data!.startConversation).toMatchObject({ status: 'AWAITING_SELLER', unreadCount: 1, initiatedBy: 'BUYER', orderId: null });
      expect(Date.parse(c1.data!.startConversation.replyDueAt!) - t0.getTime()).toBeGreaterThanOrEqual(12 * HOUR);
      ids.c1 = c1.data!.startConversation.id;
      ids.c2 = (await start(b2)).data!.startConversation.id;
      // Seller-initiated: never counts towards the rate.
      const c3 = await orders<{ contactBuyer: ConversationView }>(
        seller,
        `mutation($input: ContactBuyerInput!) { contactBuyer(input: $input) { ${CONVERSATION} } }`,
        {
          input: { buyerId: b1.userId, text: 'Your parcel is delayed by a day.', idempotencyKey: newIdempotencyKey() },
        },
      );
      expect(c3.data!.contactBuyer).toMatchObject({ status: 'AWAITING_BUYER', unreadCount: 0, initiatedBy: 'SELLER_STAFF', replyDueAt: null });
      ids.c3 = c3.data!.contactBuyer.id;
      // An auto-reply is not an answer: still awaiting the seller with the same deadline.
      const auto = await reply(ids.c2, true);
      expect(auto.data!.replyToConversation).toMatchObject({ status: 'AWAITING_SELLER' });
      expect(auto.data!.replyToConversation.replyDueAt).not.toBeNull();

      await moveClock(stack.settings, 'orders', { advanceMs: 3 * HOUR });
      expect((await reply(ids.c1)).data!.replyToConversation).toMatchObject({ status: 'AWAITING_BUYER', replyDueAt: null, unreadCount: 1 });
      ids.c4 = (await start(b3)).data!.startConversation.id;
      expect((await holiday(true)).data!.setHolidayMode.on).toBe(true);
      ids.c5 = (await start(b4)).data!.startConversation.id;
      const off = await holiday(false);
      expect(off.data!.setHolidayMode).toMatchObject({ on: false, periods: [{ startedAt: expect.any(String), endedAt: expect.any(String) }] });

      // t0 + 11 h: c2's deadline is 1 h away; c4 and c5 are 4 h away.
      await moveClock(stack.settings, 'orders', { advanceMs: 8 * HOUR });
      let shop = await shopInquiries();
      expect(shop.conversationsNearDeadline.map((c) => c.id)).toEqual([ids.c2]);
      expect(shop.near.nodes.map((c) => c.id)).toEqual([ids.c2]);
      expect((await shopInquiries(5)).conversationsNearDeadline.map((c) => c.id)).toEqual([ids.c2, ids.c4, ids.c5]);
      // Only c1 is due or answered; c2 and c4 can still be answered in time; c3 seller-initiated; c5 holiday.
      expect(shop.inquiryResponseRate).toMatchObject({ rate: 10000, respondedWithin12h: 1, eligible: 1 });
      expect(shop.unreadConversationCount).toBe(4);
      expect(shop.actionCounters).toEqual({ unreadInquiries: 4, awaitingShipment: 0 });

      // t0 + 16 h: c2 and c4 missed their deadline.
      await moveClock(stack.settings, 'orders', { advanceMs: 5 * HOUR });
      shop = await shopInquiries();
      expect(shop.conversationsNearDeadline).toEqual([]);
      expect(shop.inquiryResponseRate).toMatchObject({ rate: 3333, respondedWithin12h: 1, eligible: 3 });
      expect(Date.parse(shop.inquiryResponseRate.window.to) - Date.parse(shop.inquiryResponseRate.window.from)).toBe(30 * 24 * HOUR);
      expect(shop.inquiryResponseRate.definition).toContain('holiday mode');

      // Resolved with only an auto-reply: excluded.
      expect((await action('resolveConversation', ids.c2)).data!.resolveConversation).toMatchObject({ status: 'RESOLVED', replyDueAt: null });
      expect((await action('markConversationRead', ids.c1)).data!.markConversationRead).toMatchObject({ unreadCount: 0 });
      shop = await shopInquiries();
      expect(shop.inquiryResponseRate).toMatchObject({ rate: 5000, respondedWithin12h: 1, eligible: 2 });
      expect(shop.unreadConversationCount).toBe(3);
      expect(shop.unread.nodes.map((c) => c.id).sort()).toEqual([ids.c2, ids.c4, ids.c5].sort());

      // The buyer writes again: a resolved conversation reopens; an answered one awaits the seller again.
      const again = await orders<{ sendBuyerMessage: ConversationView }>(
        b1,
        `mutation($input: SendMessageInput!) { sendBuyerMessage(input: $input) { ${CONVERSATION} } }`,
        {
          input: { conversationId: ids.c1, text: 'Thanks! One more question.', idempotencyKey: newIdempotencyKey() },
        },
      );
      expect(again.data!.sendBuyerMessage).toMatchObject({ status: 'AWAITING_SELLER', unreadCount: 1 });
      const messages = await orders<{ conversation: { messages: { nodes: Array<{ sender: string; isAutoReply: boolean; text: string }> } } }>(
        b1,
        `query($id: ID!) { conversation(id: $id) { messages { nodes { sender isAutoReply text } } } }`,
        { id: ids.c1 },
      );
      expect(messages.data!.conversation.messages.nodes).toEqual([
        { sender: 'BUYER', isAutoReply: false, text: 'Is this in stock?' },
        { sender: 'SELLER_STAFF', isAutoReply: false, text: 'Yes, ships tomorrow.' },
        { sender: 'BUYER', isAutoReply: false, text: 'Thanks! One more question.' },
      ]);
      const holidayMessage = await orders<{ conversation: { messages: { nodes: Array<{ duringHoliday: boolean }> } } }>(
        seller,
        `query($id: ID!) { conversation(id: $id) { messages { nodes { duringHoliday } } } }`,
        { id: ids.c5 },
      );
      expect(holidayMessage.data!.conversation.messages.nodes).toEqual([{ duringHoliday: true }]);
    });

    it('counts the action counters from open orders against the clock', async () => {
      const now = new Date((await moveClock(stack.settings, 'orders', { advanceMs: 0 })).now);
      const at = (hours: number) => new Date(now.getTime() + hours * HOUR);
      const rows: Array<[string, string, Date | null, Date | null, string | null]> = [
        ['ord_counter000000000000000001', 'AWAITING_SHIPMENT', at(10), at(20), null],
        ['ord_counter000000000000000002', 'AWAITING_SHIPMENT', at(30), at(72), 'cnr_counter0000000000000001'],
        ['ord_counter000000000000000003', 'PARTIALLY_SHIPPING', at(1), at(48), null],
        ['ord_counter000000000000000004', 'AWAITING_SHIPMENT', at(-2), at(5), null], // overdue ship-by: not "within 24 h"
        ['ord_counter000000000000000005', 'DELIVERED', null, null, null],
      ];
      for (const [id, status, shipBy, autoCancel, cancellation] of rows) {
        await db.query(
          `INSERT INTO orders (id, seller_id, buyer_id, status, currency_code, total_minor, ship_by_at, auto_cancel_at, open_cancellation_id)
           VALUES ($1, $2, $3, $4, 'USD', 1000, $5, $6, $7)`,
          [id, seller.sellerId, b1.userId, status, shipBy, autoCancel, cancellation],
        );
      }
      const result = await orders<ShopEntities<{ actionCounters: ActionCounters }>>(
        seller,
        `query($rep: [_Any!]!) { _entities(representations: $rep) { ... on Shop { actionCounters {
          awaitingShipment toShipWithin24h autoCancelWithin24h pendingCancellationRequests unreadInquiries } } } }`,
        {
          rep: [{ __typename: 'Shop', id: seller.sellerId }],
        },
      );
      expect(result.data!._entities[0].actionCounters).toEqual({
        awaitingShipment: 3,
        toShipWithin24h: 2,
        autoCancelWithin24h: 2,
        pendingCancellationRequests: 1,
        unreadInquiries: 4,
      });
    });

    it('replays a repeated idempotency key and refuses it with other input', async () => {
      const key = newIdempotencyKey();
      const input = { shopId: seller.sellerId, text: 'Hello', idempotencyKey: key };
      type Started = { startConversation: { id: string } };
      const first = await orders<Started>(b1, `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, { input });
      const before = await writeCounts();
      const again = await orders<Started>(b1, `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, { input });
      expect(again.data!.startConversation.id).toBe(first.data!.startConversation.id);
      const other = await orders<Started>(b1, `mutation($input: StartConversationInput!) { startConversation(input: $input) { id } }`, {
        input: { ...input, text: 'Hi' },
      });
      expect(errorCodes(other)).toEqual(['IDEMPOTENCY_CONFLICT']);
      expect(await writeCounts()).toEqual(before);
    });

    it('refuses bad input to every inquiry mutation with a typed error and writes nothing', async () => {
      const before = await writeCounts();
      const cases: Array<[Identity, string, Record<string, unknown>, string]> = [
        [b1, 'startConversation(input: { shopId: "", text: "  ", idempotencyKey: "x" }) { id }', {}, 'VALIDATION_FAILED'],
        [b1, `startConversation(input: { shopId: "shp_nope", text: "Hi", idempotencyKey: "${newIdempotencyKey()}" }) { id }`, {}, 'NOT_FOUND'],
        [
          b1,
          `startConversation(input: { shopId: "${seller.sellerId}", orderId: "ord_0000000000000000000000000", text: "Hi", idempotencyKey: "${newIdempotencyKey()}" }) { id }`,
          {},
          'NOT_FOUND',
        ],
        [stranger, `sendBuyerMessage(input: { conversationId: "${ids.c1}", text: "Hi", idempotencyKey: "${newIdempotencyKey()}" }) { id }`, {}, 'NOT_FOUND'],
        [b1, `sendBuyerMessage(input: { conversationId: "${ids.c1}", text: "", idempotencyKey: "${newIdempotencyKey()}" }) { id }`, {}, 'VALIDATION_FAILED'],
        [seller, `contactBuyer(input: { buyerId: "${stranger.userId}", text: "Hi", idempotencyKey: "${newIdempotencyKey()}" }) { id }`, {}, 'NOT_FOUND'],
        [
          seller,
          `replyToConversation(input: { conversationId: "not-an-id", text: "Hi", idempotencyKey: "${newIdempotencyKey()}" }) { id }`,
          {},
          'VALIDATION_FAILED',
        ],
        [
          seller,
          `replyToConversation(input: { conversationId: "${ids.c2}", text: "Hi", idempotencyKey: "${newIdempotencyKey()}" }) { id }`,
          {},
          'INVALID_TRANSITION',
        ],
        [
          otherSeller,
          `replyToConversation(input: { conversationId: "${ids.c4}", text: "Hi", idempotencyKey: "${newIdempotencyKey()}" }) { id }`,
          {},
          'NOT_FOUND',
        ],
        [seller, `resolveConversation(input: { conversationId: "${ids.c2}", idempotencyKey: "${newIdempotencyKey()}" }) { id }`, {}, 'INVALID_TRANSITION'],
        [otherSeller, `markConversationRead(input: { conversationId: "${ids.c4}", idempotencyKey: "${newIdempotencyKey()}" }) { id }`, {}, 'NOT_FOUND'],
        [seller, 'markConversationRead(input: { conversationId: "cnv_x", idempotencyKey: "short" }) { id }', {}, 'VALIDATION_FAILED'],
        [seller, 'setHolidayMode(input: { on: true, idempotencyKey: "short" }) { on }', {}, 'VALIDATION_FAILED'],
        [b1, `resolveConversation(input: { conversationId: "${ids.c1}", idempotencyKey: "${newIdempotencyKey()}" }) { id }`, {}, 'FORBIDDEN'],
      ];
      for (const [identity, mutation, variables, code] of cases) {
        const result = await orders<unknown>(identity, `mutation { ${mutation} }`, variables);
        expect({ mutation, codes: errorCodes(result) }).toEqual({ mutation, codes: [code] });
      }
      const invalid = await orders<unknown>(b1, 'mutation { startConversation(input: { shopId: "", text: "  ", idempotencyKey: "x" }) { id } }');
      expect(invalidFields(invalid)).toEqual(['shopId', 'text', 'idempotencyKey']);
      const badWindow = await orders<unknown>(
        seller,
        `query($rep: [_Any!]!) { _entities(representations: $rep) { ... on Shop { conversationsNearDeadline(withinHours: 0) { id } } } }`,
        {
          rep: [{ __typename: 'Shop', id: seller.sellerId }],
        },
      );
      expect(errorCodes(badWindow)).toEqual(['VALIDATION_FAILED']);
      expect(await writeCounts()).toEqual(before);
    });
  });

  describe('home dashboard', () => {
    const shopA = newSeller();
    const [A, B, C, D, E, F] = ['byr_a', 'byr_b', 'byr_c', 'byr_d', 'byr_e', 'byr_f'];
    const ord = (n: number) => `ord_${n.toString().padStart(25, '0')}`;
    // Orders' order.paid (the buyer paid) as orders publishes it.
    const paid = (n: number, buyerId: string, paidAt: string, amountMinor: string, shop: Identity = shopA) =>
      eventFixture('orders.order.v1', 'order.paid', {
        source: 'orders',
        sellerId: shop.sellerId!,
        aggregateType: 'Order',
        aggregateId: ord(n),
        actor: { type: 'BUYER', id: buyerId },
        payload: {
          orderId: ord(n),
          buyerId,
          paidAt,
          total: { amountMinor, currencyCode: 'USD' },
          lines: [{ orderLineId: `oln_${n.toString().padStart(25, '0')}`, skuId: 'sku_0000000000000000000000001', quantity: 1 }],
        },
      });
    // Orders' order.cancelled by the seller at `at`.
    const cancelled = (n: number, reason: string, at: string) =>
      eventFixture('orders.order.v1', 'order.cancelled', {
        source: 'orders',
        sellerId: shopA.sellerId!,
        aggregateType: 'Order',
        aggregateId: ord(n),
        actor: { type: 'SELLER_STAFF', id: shopA.userId },
        occurredAt: new Date(at),
        payload: { orderId: ord(n), reason, cancelledBy: 'SELLER' },
      });
    // A refund of a return (or, with `cancellationId`, of a cancellation) as returns publishes it.
    const refund = (n: number, orderNo: number, issuedAt: string, amountMinor: string, cancellationId: string | null = null) =>
      eventFixture('returns.refund.v1', 'refund.issued', {
        source: 'returns',
        sellerId: shopA.sellerId!,
        aggregateType: 'ReturnRequest',
        aggregateId: `ret_${n.toString().padStart(25, '0')}`,
        actor: { type: 'SYSTEM', id: null },
        occurredAt: new Date(issuedAt),
        payload: {
          refundId: `rfd_${n.toString().padStart(25, '0')}`,
          returnId: cancellationId ? null : `ret_${n.toString().padStart(25, '0')}`,
          cancellationId,
          orderId: ord(orderNo),
          buyerId: 'byr_x',
          issuedAt,
          total: { amountMinor, currencyCode: 'USD' },
          breakdown: { subtotal: { amountMinor, currencyCode: 'USD' }, shippingFee: { amountMinor: '0', currencyCode: 'USD' } },
          lines: [{ orderLineId: `oln_${orderNo.toString().padStart(25, '0')}`, quantity: 1, amount: { amountMinor, currencyCode: 'USD' } }],
        },
      });
    // The storefront's page.viewed: it does not say whose product it is (orders learns that from product.created).
    const view = (productId: string, visitorId: string, viewedAt: string) =>
      eventFixture('storefront.traffic.v1', 'page.viewed', {
        source: 'storefront',
        sellerId: 'storefront',
        aggregateType: 'Product',
        aggregateId: productId,
        actor: { type: 'BUYER', id: null },
        payload: { productId, visitorId, viewedAt },
      });
    // Catalog's product.created for a product of shopA (no SKUs: the dashboard only learns whose product it is).
    const product = (productId: string) => productCreatedFixture(shopA, { productId, title: 'Lamp', skus: [] }).event;
    const [P1, P2] = ['prd_0000000000000000000000001', 'prd_0000000000000000000000002'];

    const summary = async (range: Record<string, unknown>, shop: Identity = shopA) => {
      const result = await orders<ShopEntities<{ salesSummary: SalesSummaryView }>>(
        shop,
        `query($rep: [_Any!]!, $range: SalesRangeInput!) { _entities(representations: $rep) { ... on Shop { salesSummary(range: $range) {
            timeZone currencyCode
            current { from to gmv { amountMinor currencyCode } refunds { amountMinor } netSales { amountMinor } orders buyers averageOrderValue { amountMinor } visitors conversionBasisPoints }
            previous { from to gmv { amountMinor } refunds { amountMinor } netSales { amountMinor } orders buyers averageOrderValue { amountMinor } visitors conversionBasisPoints }
            daily { day gmv { amountMinor } refunds { amountMinor } netSales { amountMinor } orders buyers visitors }
            definitions { metric definition } } } } }`,
        { rep: [{ __typename: 'Shop', id: shop.sellerId }], range },
      );
      return result;
    };

    const rollups = async (sellerId = shopA.sellerId): Promise<StoredRollups> =>
      (
        await db.query(
          `SELECT json_build_object(
             'sales', (SELECT json_agg(s ORDER BY day) FROM (SELECT day::text, gmv_minor::text, net_minor::text, refunds_minor::text, paid_orders, buyers FROM dashboard_daily_sales WHERE seller_id = $1) s),
             'buyers', (SELECT json_agg(b ORDER BY day, buyer_id) FROM (SELECT day::text, buyer_id, prev_day::text FROM dashboard_daily_buyers WHERE seller_id = $1) b)) AS r`,
          [sellerId],
        )
      ).rows[0].r;

    it('computes exact figures in the shop time zone, with the previous period and refunds on their own day, from redelivered and reordered events', async () => {
      // Payments first (bucketed in UTC until the shop's zone is known, then re-bucketed), then the shop.
      const o1 = paid(1, A, '2031-01-02T15:00:00Z', '10000');
      await publishAndWait('orders.order.v1', [
        o1,
        paid(2, A, '2031-01-03T04:59:00Z', '2500'), // 23:59 on Jan 2 in New York
        paid(3, B, '2031-01-04T12:00:00Z', '3333'),
        paid(4, C, '2031-01-05T12:00:00Z', '7001'),
        paid(5, D, '2031-01-08T04:59:59Z', '1000'), // last second of Jan 7 in New York
        paid(6, E, '2031-01-08T05:00:00Z', '9999'), // Jan 8: after the range
        cancelled(7, 'BUYER_CANCELLED', '2031-01-03T10:00:00Z'), // never paid
        cancelled(8, 'SELLER_CANCELLED', '2031-01-06T13:00:00Z'), // cancellation arrives before its payment
        paid(8, B, '2031-01-06T12:00:00Z', '500'),
        paid(11, A, '2030-12-28T12:00:00Z', '4000'),
        paid(12, F, '2031-01-01T04:00:00Z', '600'), // Dec 31 in New York: previous period
      ]);
      // Refunds may arrive before the shop's zone is known too: 03:00Z on Jan 3 is Jan 2 in New York.
      const r1 = refund(1, 1, '2031-01-06T15:00:00Z', '4000'); // order 1 (paid Jan 2): later day, same period
      await publishAndWait('returns.refund.v1', [
        refund(2, 11, '2031-01-03T03:00:00Z', '1500'), // order 11 was paid in the previous period; the refund lands in this one
        r1,
      ]);
      await publishAndWait('catalog.product.v1', [registerShop(shopA, 'America/New_York'), product(P1)]);
      await publishAndWait('orders.order.v1', [
        cancelled(3, 'SELLER_CANCELLED', '2031-01-09T10:00:00Z'), // cancelled after payment
        o1, // redelivered
        paid(1, A, '2031-01-02T15:00:00Z', '10000'), // the same payment under another event id
        cancelled(3, 'SELLER_CANCELLED', '2031-01-09T11:00:00Z'),
      ]);
      await publishAndWait('returns.refund.v1', [
        r1, // redelivered
        { ...r1, id: '00000000-0000-4000-8000-000000000001' }, // the same refund under another event id
        refund(3, 4, '2031-01-09T17:00:00Z', '2001'), // order 4 (paid Jan 5): after the range, on Jan 9
        refund(4, 3, '2031-01-09T12:00:00Z', '3333', 'cnr_0000000000000000000000003'), // a cancellation's refund: the cancellation already counted
      ]);
      await publishAndWait('storefront.traffic.v1', [
        view(P1, 'v1', '2031-01-02T10:00:00Z'),
        view(P1, 'v1', '2031-01-02T20:00:00Z'), // same visitor, same day
        view(P1, 'v2', '2031-01-02T12:00:00Z'),
        view(P1, 'v1', '2031-01-03T10:00:00Z'),
        view(P1, 'v3', '2031-01-08T04:00:00Z'), // Jan 7 in New York
        view(P1, 'v5', '2030-12-30T12:00:00Z'),
        view(P2, 'v4', '2031-01-06T12:00:00Z'), // product not known yet
        view(P2, 'v6', '2031-01-06T13:00:00Z'),
      ]);
      await publishAndWait('catalog.product.v1', [product(P2)]);

      const result = await summary({ preset: 'CUSTOM', from: '2031-01-01', to: '2031-01-07' });
      expect(result.errors).toBeUndefined();
      const s = result.data!._entities[0].salesSummary;
      expect(s.timeZone).toBe('America/New_York');
      expect(s.current).toEqual({
        from: '2031-01-01',
        to: '2031-01-07',
        gmv: { amountMinor: '24334', currencyCode: 'USD' }, // 10000 + 2500 + 3333 + 7001 + 500 + 1000
        refunds: { amountMinor: '5500' }, // 1500 (Jan 2) + 4000 (Jan 6); not the Jan 9 refund, not the cancellation's
        netSales: { amountMinor: '15001' }, // 24334 − 3333 (order 3) − 500 (order 8) − 5500
        orders: 6,
        buyers: 4,
        averageOrderValue: { amountMinor: '4056' }, // 4055.67 rounded half-up
        visitors: 5,
        conversionBasisPoints: 8000,
      });
      expect(s.previous).toEqual({
        from: '2030-12-25',
        to: '2030-12-31',
        gmv: { amountMinor: '4600' },
        refunds: { amountMinor: '0' },
        netSales: { amountMinor: '4600' },
        orders: 2,
        buyers: 2, // order 11's refund counts on its own day
        averageOrderValue: { amountMinor: '2300' },
        visitors: 1,
        conversionBasisPoints: 20000,
      });
      const day = (d: string, gmv: string, refunds: string, net: string, o: number, b: number, v: number) => ({
        day: d,
        gmv: { amountMinor: gmv },
        refunds: { amountMinor: refunds },
        netSales: { amountMinor: net },
        orders: o,
        buyers: b,
        visitors: v,
      });
      expect(s.daily).toEqual([
        day('2031-01-01', '0', '0', '0', 0, 0, 0),
        day('2031-01-02', '12500', '1500', '11000', 2, 1, 2), // order 2 paid at 23:59 local; order 11's refund
        day('2031-01-03', '0', '0', '0', 0, 0, 1),
        day('2031-01-04', '3333', '0', '0', 1, 1, 0), // cancelled after payment
        day('2031-01-05', '7001', '0', '7001', 1, 1, 0), // its refund lands on Jan 9
        day('2031-01-06', '500', '4000', '-4000', 1, 1, 2), // order 8 cancelled; order 1's refund
        day('2031-01-07', '1000', '0', '1000', 1, 1, 1),
      ]);
      expect(s.definitions.map((d) => d.metric)).toEqual(['gmv', 'refunds', 'netSales', 'orders', 'buyers', 'averageOrderValue', 'visitors', 'conversion']);
      expect(s.definitions.find((d) => d.metric === 'gmv')!.definition).toContain('includes orders later cancelled or refunded');
      expect(s.definitions.find((d) => d.metric === 'refunds')!.definition).toContain('bucketed by issuedAt');
      const facts = await db.query('SELECT count(*)::int AS n FROM dashboard_refund_facts WHERE seller_id = $1', [shopA.sellerId]);
      expect(facts.rows[0].n).toBe(4); // every refund is kept, so a rebuild needs nothing from returns
    });

    it('rebuilds identical rollups, refunds included, from the order and refund facts', async () => {
      const incremental = await rollups();
      expect(incremental.sales.length).toBeGreaterThan(0);
      expect(incremental.sales.filter((d) => d.refunds_minor !== '0').map((d) => [d.day, d.refunds_minor])).toEqual([
        ['2031-01-02', '1500'],
        ['2031-01-06', '4000'],
        ['2031-01-09', '2001'],
      ]);
      const dataSource = createDataSource({ url: databaseUrlOf(stack.settings, 'orders'), entities: [], migrations: [], applicationName: 'rebuild-test' });
      await dataSource.initialize();
      try {
        await db.query('DELETE FROM dashboard_daily_sales WHERE seller_id = $1', [shopA.sellerId]);
        await db.query('DELETE FROM dashboard_daily_buyers WHERE seller_id = $1', [shopA.sellerId]);
        await dataSource.transaction((manager) => rebuildDashboardRollups(manager, shopA.sellerId!));
      } finally {
        await dataSource.destroy();
      }
      expect(await rollups()).toEqual(incremental);
    });

    it('refuses bad ranges with every problem listed', async () => {
      const bad = await summary({ preset: 'CUSTOM', from: '2031-02-30' });
      expect(errorCodes(bad)).toEqual(['VALIDATION_FAILED']);
      expect(invalidFields(bad)).toEqual(['range.from', 'range.to']);
      expect(errorCodes(await summary({ preset: 'LAST_7_DAYS', from: '2031-01-01' }))).toEqual(['VALIDATION_FAILED']);
      const other = await orders<unknown>(
        seller,
        `query($rep: [_Any!]!) { _entities(representations: $rep) { ... on Shop { salesSummary(range: { preset: TODAY }) { timeZone } } } }`,
        {
          rep: [{ __typename: 'Shop', id: shopA.sellerId }],
        },
      );
      expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    });

    it('resolves presets against the controlled clock in the shop time zone', async () => {
      // The clock stands at 2031-01-11 ~04:00Z = Jan 10 ~23:00 in New York (see the inquiry test).
      const result = await summary({ preset: 'LAST_7_DAYS' });
      expect(result.errors).toBeUndefined();
      const s = result.data!._entities[0].salesSummary;
      expect([s.current.from, s.current.to, s.previous.from, s.previous.to]).toEqual(['2031-01-03', '2031-01-09', '2030-12-27', '2031-01-02']);
      expect(s.current.gmv.amountMinor).toBe('21833'); // 3333 + 7001 + 500 + 1000 + 9999 (order 2 is Jan 2 in New York)
      expect(s.previous.gmv.amountMinor).toBe('17100'); // 4000 + 600 + 10000 + 2500
      expect([s.current.refunds.amountMinor, s.current.netSales.amountMinor]).toEqual(['6001', '11999']); // refunds of Jan 6 and Jan 9
      expect([s.previous.refunds.amountMinor, s.previous.netSales.amountMinor]).toEqual(['1500', '15600']);
    });

    it('keeps distinct buyers exact across out-of-order buyer-days, late payments into cached ranges and ranges up to today', async () => {
      const shopB = newSeller(); // no shop.registered: days in UTC
      const [X, Y, Z, W, V] = ['byr_x', 'byr_y', 'byr_z', 'byr_w', 'byr_v'];
      const pay = (n: number, buyerId: string, day: string, hour = 12) =>
        paid(100 + n, buyerId, `${day}T${hour.toString().padStart(2, '0')}:00:00Z`, '1000', shopB);
      const read = async (from: string, to: string) => {
        const result = await summary({ preset: 'CUSTOM', from, to }, shopB);
        expect(result.errors).toBeUndefined();
        return result.data!._entities[0].salesSummary;
      };
      const buyersOf = async (from: string, to: string) => {
        const s = await read(from, to);
        return [s.current.buyers, s.previous.buyers];
      };
      const cached = async () => (await db.query('SELECT count(*)::int AS n FROM dashboard_range_buyers WHERE seller_id = $1', [shopB.sellerId])).rows[0].n;

      await publishAndWait('orders.order.v1', [pay(1, X, '2030-06-02'), pay(2, X, '2030-06-09'), pay(3, Y, '2030-06-05'), pay(4, Z, '2030-05-30')]);
      expect(await buyersOf('2030-06-01', '2030-06-10')).toEqual([2, 1]); // X, Y; previous May 22–31: Z
      expect(await buyersOf('2030-06-03', '2030-06-08')).toEqual([1, 2]); // Y; previous May 28 – Jun 2: Z, X
      expect(await cached()).toBe(4); // closed ranges are cached by the first read

      // Late payments, in any order: X between two of their days and before their first, Z and W new in the
      // inner range, W twice on one day, Y again inside the outer range.
      await publishAndWait('orders.order.v1', [
        pay(5, X, '2030-06-05'),
        pay(6, Z, '2030-06-04'),
        pay(7, W, '2030-06-06'),
        pay(8, W, '2030-06-06', 18),
        pay(9, Y, '2030-06-01'),
        pay(10, X, '2030-05-25'),
        pay(11, V, '2030-06-02', 3),
      ]);
      expect(await cached()).toBe(4);
      expect(await buyersOf('2030-06-01', '2030-06-10')).toEqual([5, 2]); // X, Y, Z, W, V; previous: Z, X
      expect(await buyersOf('2030-06-03', '2030-06-08')).toEqual([4, 4]); // Y, X, Z, W; previous: Z, X, Y, V
      const outer = await read('2030-06-01', '2030-06-10');
      expect(outer.daily.filter((d) => d.buyers > 0).map((d) => [d.day, d.orders, d.buyers])).toEqual([
        ['2030-06-01', 1, 1],
        ['2030-06-02', 2, 2],
        ['2030-06-04', 1, 1],
        ['2030-06-05', 2, 2],
        ['2030-06-06', 2, 1],
        ['2030-06-09', 1, 1],
      ]);
      const chain = await db.query(`SELECT day::text, prev_day::text FROM dashboard_daily_buyers WHERE seller_id = $1 AND buyer_id = $2 ORDER BY day`, [
        shopB.sellerId,
        X,
      ]);
      expect(chain.rows).toEqual([
        { day: '2030-05-25', prev_day: null },
        { day: '2030-06-02', prev_day: '2030-05-25' },
        { day: '2030-06-05', prev_day: '2030-06-02' },
        { day: '2030-06-09', prev_day: '2030-06-05' },
      ]);
      // Recomputed from scratch, the cached figures are the same.
      await db.query('DELETE FROM dashboard_range_buyers WHERE seller_id = $1', [shopB.sellerId]);
      expect(await buyersOf('2030-06-01', '2030-06-10')).toEqual([5, 2]);
      expect(await buyersOf('2030-06-03', '2030-06-08')).toEqual([4, 4]);

      // Ranges that include today: cached days before today plus today's buyers not seen earlier in the range.
      const today = localDay(new Date((await moveClock(stack.settings, 'orders', { advanceMs: 0 })).now), 'UTC');
      const yesterday = addDays(today, -1);
      await publishAndWait('orders.order.v1', [pay(12, X, yesterday), pay(13, X, today, 0), pay(14, V, today, 0)]);
      expect((await buyersOf(yesterday, addDays(today, 1)))[0]).toBe(2); // X, V
      expect((await buyersOf('2030-06-01', today))[0]).toBe(5);
      const todays = await summary({ preset: 'TODAY' }, shopB);
      expect([todays.data!._entities[0].salesSummary.current.buyers, todays.data!._entities[0].salesSummary.previous.buyers]).toEqual([2, 1]);

      // The rebuild produces the same rollups, links included, and drops the cache.
      const incremental = await rollups(shopB.sellerId);
      const dataSource = createDataSource({ url: databaseUrlOf(stack.settings, 'orders'), entities: [], migrations: [], applicationName: 'rebuild-test' });
      await dataSource.initialize();
      try {
        await dataSource.transaction((manager) => rebuildDashboardRollups(manager, shopB.sellerId!));
      } finally {
        await dataSource.destroy();
      }
      expect(await rollups(shopB.sellerId)).toEqual(incremental);
      expect(await cached()).toBe(0);
      expect(await buyersOf('2030-06-03', '2030-06-08')).toEqual([4, 4]);
    });
  });
});
