import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { CORRELATION_ID_HEADER, INTERNAL_CONTEXT_HEADER, Identity, generateSigningKey, signClientToken, signInternalContext } from '@sc/auth';
import { subgraphUrlOf, writeClientJwks } from '@sc/stack';
import { DEMO_HISTORY_DAYS, DEMO_SELLER, DEMO_STACK_ENV, DemoPageView, GatewayClient, seedDemoData, seedDemoHistory, seedDemoPageViews } from '@sc/demo';
import { TestStack, callAnonymously, callGateway, errorCodes, eventually, newBuyer, newIdempotencyKey, startTestStack } from '@sc/testing';

// The whole graph: five subgraph processes behind the gateway, real PostgreSQL and Kafka, seeded with
// the same demo data `npm start` loads, on the same demo environment (a zero-length remorse window, so
// the seed ships, delivers and refunds orders): the live demo orders of today, months of imported order
// history before them, and storefront traffic over the same days.

// The imported history's buyers (orders' demo-history.ts): how its orders are told apart from the live seed's.
const HISTORY_BUYERS = `buyer_id LIKE 'usr_demo_customer_%'`;

/** The day `n` days after a YYYY-MM-DD day. */
const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The YYYY-MM-DD day of an instant in a time zone. */
const localDay = (at: Date, timeZone: string): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);

interface MoneyView {
  amountMinor: string;
  currencyCode?: string;
}

/** The demo shop across all five subgraphs, as the first test selects it. */
interface WholeShopResult {
  shop: {
    name: string;
    currencyCode: string;
    products: {
      nodes: Array<{
        title: string;
        skus: Array<{ sellerSku: string; price: MoneyView; availableQuantity: number }>;
        activePromotions: Array<{ title: string; discountBasisPoints: number }>;
        collaborations: Array<{ commissionRateBps: number; creator: { handle: string } }>;
      }>;
    };
    orders: {
      nodes: Array<{
        status: string;
        total: MoneyView;
        cancelReason: string | null;
        cancelledBy: string | null;
        hasOpenCancellation: boolean;
        packages: Array<{ status: string }>;
        lines: Array<{ quantity: number; sku: { sellerSku: string }; product: { title: string } }>;
        returns: Array<{ type: string; status: string }>;
      }>;
    };
  };
}

/** `from to gmv refunds netSales { amountMinor } orders buyers visitors` of one period. */
interface FiguresView {
  from: string;
  to: string;
  gmv: MoneyView;
  refunds: MoneyView;
  netSales: MoneyView;
  orders: number;
  buyers: number;
  visitors: number;
}

/** One `salesSummary` as the dashboard test selects it. */
interface SummaryView {
  current: FiguresView;
  previous: FiguresView;
}

/** The home dashboard as the dashboard test selects it. */
interface DashboardResult {
  shop: {
    today: SummaryView;
    week: SummaryView;
    month: SummaryView;
    months: SummaryView;
    actionCounters: { awaitingShipment: number; pendingCancellationRequests: number; unreadInquiries: number };
  };
}

describe('supergraph through the gateway', () => {
  let stack: TestStack;
  const gql = <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) =>
    callGateway<T>(stack.gatewayUrl, stack.settings.clientTokenKey, identity, query, variables);
  // One instant for both seed runs: page-view ids derive from their day, so a rerun republishes the same events.
  const seededAt = new Date();
  let pageViews: DemoPageView[] = [];
  const seed = async () => {
    const client = new GatewayClient(stack.gatewayUrl, stack.settings.clientTokenKey);
    await seedDemoData(client, () => undefined);
    await seedDemoHistory(stack.settings, () => undefined);
    pageViews = await seedDemoPageViews(stack.settings, client, () => undefined, seededAt);
  };

  beforeAll(async () => {
    stack = await startTestStack('system', { subgraphs: ['catalog', 'orders', 'returns', 'marketing', 'creators'], gateway: true, env: { ...DEMO_STACK_ENV } });
    await seed();
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it("answers one query with the demo shop's data from all five subgraphs, every order where the seed took it", async () => {
    const result = await gql<WholeShopResult>(
      DEMO_SELLER,
      `{ shop {
          name currencyCode
          products(first: 10) { nodes { title skus { sellerSku price { amountMinor currencyCode } availableQuantity }
            activePromotions { title discountBasisPoints } collaborations { commissionRateBps creator { handle } } } }
          orders(first: 6) { nodes { status total { amountMinor currencyCode } cancelReason cancelledBy hasOpenCancellation packages { status }
            lines { quantity sku { sellerSku } product { title } } returns { type status } } }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    const shop = result.data!.shop;
    expect(shop.name).toBe('Demo Outfitters'); // catalog
    expect(shop.orders.nodes.flatMap((o) => o.lines).every((l) => l.sku.sellerSku && l.product.title)).toBe(true);
    // The live seed's six orders are the newest (the imported history is older): status, cancellation and
    // packages from orders with returns' requests on them, one line per order.
    const journeys = shop.orders.nodes
      .map((o) =>
        [
          o.lines.map((l) => `${l.sku.sellerSku}x${l.quantity}`).join('+'),
          o.status,
          o.cancelReason ?? '-',
          o.hasOpenCancellation ? 'cancellation requested' : '-',
          o.packages.map((p) => p.status).join(',') || '-',
          o.returns.map((r) => `${r.type}:${r.status}`).join(',') || '-',
        ].join(' | '),
      )
      .sort();
    expect(journeys).toEqual([
      'LAMP-NATx1 | AWAITING_COLLECTION | - | - | AWAITING_COLLECTION | RETURN_AND_REFUND:RETURN_OR_REFUND_REQUEST_PENDING',
      'MUG-SANDx1 | CANCELLED | BUYER_REQUEST: Found the same mug at home | - | - | -',
      'SERUM-30x3 | DELIVERED | - | - | DELIVERED | REFUND:RETURN_OR_REFUND_REQUEST_SUCCESS',
      'TEE-BLK-Lx1 | AWAITING_SHIPMENT | - | cancellation requested | - | -',
      'TEE-BLK-Mx2+MUG-SANDx1 | AWAITING_SHIPMENT | - | - | - | -',
      'TEE-WHT-Mx1 | CANCELLED | INSUFFICIENT_STOCK | - | - | -',
    ]);
    const tee = shop.products.nodes.find((p) => p.title === 'Organic cotton tee, relaxed crew neck')!;
    expect(tee.activePromotions).toEqual([{ title: 'Year-end sale', discountBasisPoints: 1500 }]); // marketing
    expect(tee.collaborations).toEqual([{ commissionRateBps: 1200, creator: { handle: 'dailydrip' } }]); // creators
    expect(tee.skus.find((s) => s.sellerSku === 'TEE-BLK-M')!.availableQuantity).toBe(38);
  });

  it("shows months of trading on the seller's home dashboard: today, 7 and 30 days and a custom range months back, each with its previous period", async () => {
    const ordersDb = await stack.db('orders');
    const { timeZone, current } = (
      await gql<{ shop: { salesSummary: { timeZone: string; current: { to: string } } } }>(
        DEMO_SELLER,
        `{ shop { salesSummary(range: { preset: TODAY }) { timeZone current { to } } } }`,
      )
    ).data!.shop.salesSummary;
    // A month of trading three months back, and before it the first month of the history.
    const custom = { from: addDays(current.to, -90), to: addDays(current.to, -61) };
    const figures = 'from to gmv { amountMinor } refunds { amountMinor } netSales { amountMinor } orders buyers visitors';
    const summary = `current { ${figures} } previous { ${figures} }`;
    const query = `{ shop {
        today: salesSummary(range: { preset: TODAY }) { ${summary} }
        week: salesSummary(range: { preset: LAST_7_DAYS }) { ${summary} }
        month: salesSummary(range: { preset: LAST_30_DAYS }) { ${summary} }
        months: salesSummary(range: { preset: CUSTOM, from: "${custom.from}", to: "${custom.to}" }) { ${summary} }
        actionCounters { awaitingShipment pendingCancellationRequests unreadInquiries }
      } }`;
    type Period = { gmv: string; netSales: string; refunds: string; orders: number; buyers: number; visitors: number };
    const shown = (f: FiguresView): Period => ({
      gmv: f.gmv.amountMinor,
      netSales: f.netSales.amountMinor,
      refunds: f.refunds.amountMinor,
      orders: f.orders,
      buyers: f.buyers,
      visitors: f.visitors,
    });
    // The oracle: the orders themselves, by payment day in the shop's time zone (GMV keeps orders cancelled after
    // payment, net sales do not and lose the period's refunds), and the distinct visitors of the page views published.
    const oracle = async (f: FiguresView): Promise<Period> => {
      const { rows } = await ordersDb.query<{ gmv: string; net: string; orders: number; buyers: number }>(
        `SELECT coalesce(sum(total_minor), 0)::text AS gmv, coalesce(sum(total_minor) FILTER (WHERE status <> 'CANCELLED'), 0)::text AS net,
                count(*)::int AS orders, count(DISTINCT buyer_id)::int AS buyers
           FROM orders WHERE seller_id = $1 AND paid_at IS NOT NULL AND (paid_at AT TIME ZONE $2)::date BETWEEN $3::date AND $4::date`,
        [DEMO_SELLER.sellerId, timeZone, f.from, f.to],
      );
      const day = (v: DemoPageView) => localDay(v.viewedAt, timeZone);
      const visitors = new Set(pageViews.filter((v) => day(v) >= f.from && day(v) <= f.to).map((v) => v.visitorId)).size;
      const net = (BigInt(rows[0].net) - BigInt(f.refunds.amountMinor)).toString();
      return { gmv: rows[0].gmv, netSales: net, refunds: f.refunds.amountMinor, orders: rows[0].orders, buyers: rows[0].buyers, visitors };
    };
    const periods = (shop: DashboardResult['shop']) =>
      (['today', 'week', 'month', 'months'] as const).flatMap((range) =>
        (['current', 'previous'] as const).map((p) => ({ name: `${range}.${p}`, figures: shop[range][p] })),
      );
    // Live sales, their refund and the page views reach the dashboard through Kafka; the history is there at once.
    const seen = await eventually(
      async () => {
        const shop = (await gql<DashboardResult>(DEMO_SELLER, query)).data!.shop;
        // One after another: the oracle's queries share one client.
        const compared: Array<{ name: string; shown: Period; expected: Period }> = [];
        for (const p of periods(shop)) compared.push({ name: p.name, shown: shown(p.figures), expected: await oracle(p.figures) });
        return { shop, compared };
      },
      ({ shop, compared }) =>
        BigInt(shop.today.current.refunds.amountMinor) + BigInt(shop.today.previous.refunds.amountMinor) === 2450n &&
        compared.every((c) => JSON.stringify(c.shown) === JSON.stringify(c.expected)),
      180_000,
    );
    for (const { name, shown: figures, expected } of seen.compared) {
      expect({ name, ...figures }).toEqual({ name, ...expected });
      // Every range of the dashboard shows trading, months back included.
      expect({ name, orders: figures.orders > 0, gmv: BigInt(figures.gmv) > 0n, buyers: figures.buyers > 0, visitors: figures.visitors > 0 }).toEqual({
        name,
        orders: true,
        gmv: true,
        buyers: true,
        visitors: true,
      });
    }
    // Thirty days of history hold at least two orders a day; the custom range is the one asked for.
    expect(seen.shop.month.current.orders).toBeGreaterThanOrEqual(60);
    expect(seen.shop.months.current).toEqual(expect.objectContaining(custom));
    expect(seen.shop.months.previous).toEqual(expect.objectContaining({ from: addDays(current.to, -120), to: addDays(current.to, -91) }));
    // The live seed's own sales: 2×19.00 + 14.50, 59.00, 3×24.50 (free shipping from 50.00), 14.50 (cancelled on
    // request after payment) and 19.00 (each + 4.99 shipping); the serum's refund is the only one.
    const live = await ordersDb.query<{ gmv: string; orders: number }>(
      `SELECT sum(total_minor)::text AS gmv, count(*)::int AS orders FROM orders WHERE seller_id = $1 AND paid_at IS NOT NULL AND NOT ${HISTORY_BUYERS}`,
      [DEMO_SELLER.sellerId],
    );
    expect(live.rows[0]).toEqual({ gmv: String(21850 + 2 * 499), orders: 5 });
    const refunds = Object.fromEntries(seen.compared.map((c) => [c.name, c.shown.refunds]));
    for (const name of ['week.previous', 'month.previous', 'months.current', 'months.previous']) expect(refunds[name]).toBe('0');
    expect(Object.values(refunds).every((r) => r === '0' || r === '2450')).toBe(true);
    // Shipped history moves no counter: only the live seed's orders await shipment or a decision.
    expect(seen.shop.actionCounters).toEqual({ awaitingShipment: 2, pendingCancellationRequests: 1, unreadInquiries: 1 });
  });

  it('imports months of order history before today as orders that emit no events, each where its dates leave it', async () => {
    const ordersDb = await stack.db('orders');
    const { rows: days } = await ordersDb.query<{ day: string; statuses: string[] }>(
      `SELECT (paid_at AT TIME ZONE 'Asia/Jakarta')::date::text AS day, array_agg(DISTINCT status) AS statuses
         FROM orders WHERE seller_id = $1 AND ${HISTORY_BUYERS} GROUP BY 1 ORDER BY 1`,
      [DEMO_SELLER.sellerId],
    );
    expect(days).toHaveLength(DEMO_HISTORY_DAYS);
    const today = localDay(new Date(), 'Asia/Jakarta');
    expect(days.every((d) => d.day < today)).toBe(true);
    // Months back every parcel has arrived and completed (or the buyer cancelled); the last days are still on their way.
    expect(days[0].statuses.every((s) => ['COMPLETED', 'CANCELLED'].includes(s))).toBe(true);
    const all = new Set(days.flatMap((d) => d.statuses));
    expect([...all].sort()).toEqual(expect.arrayContaining(['CANCELLED', 'COMPLETED', 'DELIVERED', 'IN_TRANSIT']));
    expect([...all].filter((s) => !['AWAITING_COLLECTION', 'CANCELLED', 'COMPLETED', 'DELIVERED', 'IN_TRANSIT'].includes(s))).toEqual([]);
    // Imported without events: the only ones about history orders are those the service writes itself when a
    // delivered order's completion timer fires. Other services never hear of the rest.
    const { rows: events } = await ordersDb.query<{ type: string; to: string }>(
      `SELECT event_type AS type, envelope->'payload'->>'to' AS to FROM outbox WHERE message_key IN (SELECT id FROM orders WHERE ${HISTORY_BUYERS})`,
    );
    expect(events.filter((e) => !(e.type === 'order.status_changed' && e.to === 'COMPLETED'))).toEqual([]);
    const { rows: silent } = await ordersDb.query<{ id: string }>(
      `SELECT id FROM orders o WHERE ${HISTORY_BUYERS} AND NOT EXISTS (SELECT 1 FROM outbox WHERE message_key = o.id)`,
    );
    const returnsDb = await stack.db('returns');
    const known = await returnsDb.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE id = ANY($1)`, [silent.map((r) => r.id)]);
    expect(silent.length).toBeGreaterThan(0);
    expect(known.rows[0].n).toBe(0);
    // Every paid history order is in the dashboard's facts, exactly once.
    const facts = await ordersDb.query<{ orders: number; facts: number }>(
      `SELECT (SELECT count(*) FROM orders WHERE ${HISTORY_BUYERS})::int AS orders,
              (SELECT count(*) FROM dashboard_order_facts f JOIN orders o ON o.id = f.order_id WHERE o.${HISTORY_BUYERS} AND f.paid_at = o.paid_at)::int AS facts`,
    );
    expect(facts.rows[0].facts).toBe(facts.rows[0].orders);
  });

  it('changes nothing when the demo data is seeded a second time', async () => {
    type OrdersCountsRow = Record<'orders' | 'packages' | 'cancellations' | 'timers' | 'facts' | 'conversations' | 'messages' | 'outbox', number> & {
      statuses: string | null;
      history: string | null;
      sales: string | null;
    };
    type ReturnsCountsRow = Record<'requests' | 'refunds' | 'outbox', number>;
    // A delivered history order may complete meanwhile (its completion timer falling due is the service at work,
    // not the seed): history orders count COMPLETED as DELIVERED, and the outbox leaves out their events.
    const counts = async () => {
      const [orders, returns] = await Promise.all([stack.db('orders'), stack.db('returns')]);
      const o = await orders.query<OrdersCountsRow>(`SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM packages)::int AS packages,
                                           (SELECT count(*) FROM cancellation_requests)::int AS cancellations, (SELECT count(*) FROM order_timers)::int AS timers,
                                           (SELECT count(*) FROM dashboard_order_facts)::int AS facts,
                                           (SELECT count(*) FROM conversations)::int AS conversations, (SELECT count(*) FROM messages)::int AS messages,
                                           (SELECT count(*) FROM outbox WHERE message_key NOT IN (SELECT id FROM orders WHERE ${HISTORY_BUYERS}))::int AS outbox,
                                           (SELECT string_agg(status, ',' ORDER BY id) FROM orders WHERE NOT ${HISTORY_BUYERS}) AS statuses,
                                           (SELECT string_agg(replace(status, 'COMPLETED', 'DELIVERED'), ',' ORDER BY id) FROM orders WHERE ${HISTORY_BUYERS}) AS history,
                                           (SELECT sum(gmv_minor)::text || '/' || sum(net_minor)::text || '/' || sum(paid_orders)::text FROM dashboard_daily_sales) AS sales`);
      const r =
        await returns.query<ReturnsCountsRow>(`SELECT (SELECT count(*) FROM return_requests)::int AS requests, (SELECT count(*) FROM refunds)::int AS refunds,
                                            (SELECT count(*) FROM outbox)::int AS outbox`);
      return { orders: o.rows[0], returns: r.rows[0] };
    };
    const before = await counts();
    await seed();
    expect(await counts()).toEqual(before);
  });

  it('confirms an order placed through the gateway once catalog has reserved its stock', async () => {
    const buyer = newBuyer();
    const products = await gql<{ shop: { products: { nodes: Array<{ skus: Array<{ id: string; sellerSku: string }> }> } } }>(
      DEMO_SELLER,
      `{ shop { products(first: 10) { nodes { skus { id sellerSku } } } } }`,
    );
    const mug = products.data!.shop.products.nodes.flatMap((p) => p.skus).find((s) => s.sellerSku === 'MUG-SAND')!;
    const placed = await gql<{ placeOrder: { id: string; status: string } }>(
      buyer,
      `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
      {
        input: { shopId: DEMO_SELLER.sellerId, lines: [{ skuId: mug.id, quantity: 2 }], idempotencyKey: newIdempotencyKey() },
      },
    );
    expect(placed.data!.placeOrder.status).toBe('PENDING');
    type PlacedOrder = { order: { status: string; lines: Array<{ sku: { availableQuantity: number } }> } };
    const order = await eventually(
      async () =>
        (await gql<PlacedOrder>(buyer, `query($id: ID!) { order(id: $id) { status lines { sku { availableQuantity } } } }`, { id: placed.data!.placeOrder.id }))
          .data!.order,
      (o) => o.status !== 'PENDING',
    );
    expect(order.status).toBe('UNPAID');
  });

  it('passes typed errors from subgraphs through the gateway, writing nothing', async () => {
    const ordersDb = await stack.db('orders');
    const before = (await ordersDb.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')).rows[0].n;
    const bad = await gql(newBuyer(), `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { shopId: DEMO_SELLER.sellerId, lines: [{ skuId: 'sku_unknown', quantity: 0 }], idempotencyKey: newIdempotencyKey() },
    });
    expect(errorCodes(bad)).toEqual(['VALIDATION_FAILED']);
    const malformedMoney = await gql(DEMO_SELLER, `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
      input: { title: 'Bad price', idempotencyKey: newIdempotencyKey(), skus: [{ sellerSku: 'BAD-1', price: { amountMinor: '19.99', currencyCode: 'USD' } }] },
    });
    expect(errorCodes(malformedMoney)).toEqual(['VALIDATION_FAILED']);
    expect((await ordersDb.query<{ n: number }>('SELECT count(*)::int AS n FROM orders')).rows[0].n).toBe(before);
  });

  it("logs a refused mutation as one INFO line with its code and the request's correlation id, with no stack trace anywhere", async () => {
    const correlationId = `log-check-${randomUUID()}`;
    const response = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await signClientToken(DEMO_SELLER, stack.settings.clientTokenKey)}`,
        [CORRELATION_ID_HEADER]: correlationId,
      },
      body: JSON.stringify({
        query: 'mutation($input: DeactivatePromotionInput!) { deactivatePromotion(input: $input) { id } }',
        variables: { input: { promotionId: 'prm_does_not_exist', idempotencyKey: newIdempotencyKey() } },
      }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const linesOf = (name: string) =>
      readFileSync(stack.processes.get(name)!.logFile, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofRequest = await eventually(
      async () => linesOf('marketing').filter((line) => line.correlationId === correlationId),
      (lines) => lines.length > 0,
    );
    expect(ofRequest).toEqual([expect.objectContaining({ level: 'info', service: 'marketing', component: 'graphql', code: 'NOT_FOUND' })]);
    expect(JSON.stringify(ofRequest)).not.toMatch(/stack|\bat \S+:\d+/);
    // Every line a subgraph logged while serving a request carries that request's correlation id.
    for (const name of ['catalog', 'orders', 'returns', 'marketing', 'creators']) {
      const requestLines = linesOf(name).filter((line) => line.component === 'graphql');
      expect(requestLines.filter((line) => typeof line.correlationId !== 'string')).toEqual([]);
    }
  });

  it('refuses callers without a valid token, and subgraph calls that bypass the gateway', async () => {
    const anonymous = await callAnonymously(stack.gatewayUrl, '{ shop { name } }');
    expect(anonymous.status).toBe(401);
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    for (const name of ['catalog', 'orders', 'returns', 'marketing', 'creators'] as const) {
      const direct = await callAnonymously(subgraphUrlOf(stack.settings, name), '{ __typename }');
      expect(direct.status).toBe(401);
      const forged = await fetch(subgraphUrlOf(stack.settings, name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sc-internal-context': 'eyJhbGciOiJIUzI1NiJ9.e30.forged' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(forged.status).toBe(401);
      // Validly signed, but not by the gateway's key (here: the client token issuer's): refused.
      const otherKey = await fetch(subgraphUrlOf(stack.settings, name), {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_CONTEXT_HEADER]: await signInternalContext(DEMO_SELLER, stack.settings.clientTokenKey) },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(otherKey.status).toBe(401);
    }
  });

  it('refuses client tokens signed with a wrong key, unsigned (alg none), without exp or expired; a key rotation is picked up without a restart', async () => {
    const key = stack.settings.clientTokenKey;
    const status = async (token: string) =>
      (
        await fetch(stack.gatewayUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ shop { name } }' }),
        })
      ).status;
    const claims = { sub: DEMO_SELLER.userId, sellerId: DEMO_SELLER.sellerId, roles: DEMO_SELLER.roles, iss: 'seller-center', aud: 'seller-center-gateway' };
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);

    expect(await status(await signClientToken(DEMO_SELLER, key))).toBe(200);
    expect(await status(await signClientToken(DEMO_SELLER, generateSigningKey()))).toBe(401);
    expect(await status(`${b64({ alg: 'none' })}.${b64({ ...claims, iat: now, exp: now + 600 })}.`)).toBe(401);
    const withoutExp = await new SignJWT({ ...claims, iat: now }).setProtectedHeader({ alg: 'EdDSA', kid: key.kid }).sign(await importJWK(key, 'EdDSA'));
    expect(await status(withoutExp)).toBe(401);
    expect(await status(await signClientToken(DEMO_SELLER, key, '-1m'))).toBe(401);
    expect(await status(await signClientToken(DEMO_SELLER, key, '30d'))).toBe(401);

    // The issuer publishes a new key next to the old one, then withdraws the old one: the running gateway follows.
    const next = generateSigningKey();
    const buyer = newBuyer();
    try {
      writeClientJwks(stack.settings, [key, next]);
      await eventually(
        async () => status(await signClientToken(DEMO_SELLER, next)),
        (s) => s === 200,
        10_000,
      );
      expect(await status(await signClientToken(DEMO_SELLER, key))).toBe(200);
      writeClientJwks(stack.settings, [next]);
      await eventually(
        async () => status(await signClientToken(buyer, key, `${3600 + Math.floor(Math.random() * 1000)}s`)),
        (s) => s === 401,
        10_000,
      );
      expect(await status(await signClientToken(buyer, next))).toBe(200);
    } finally {
      writeClientJwks(stack.settings);
    }
    await eventually(
      async () => status(await signClientToken(buyer, key)),
      (s) => s === 200,
      10_000,
    );
  });

  it("does not show one seller's shop data to another seller", async () => {
    const other = { userId: 'usr_other', sellerId: 'shp_other', roles: ['SELLER_STAFF' as const] };
    const result = await gql<{ shop: { name: string } | null }>(other, `{ shop { name } }`);
    expect(result.data!.shop).toBeNull();
  });

  it('runs the gateway, every subgraph and this test on the Node 24 the repository pins', async () => {
    const pinned = readFileSync(path.join(__dirname, '../../.nvmrc'), 'utf8').trim();
    expect(process.version).toBe(`v${pinned}`);
    // Each process states its runtime in its start-up line (a JSON log line).
    const runtimes = Object.fromEntries(
      [...stack.processes.entries()]
        .filter(([name]) => !name.endsWith('-migrate'))
        .map(([name, proc]) => {
          const started = readFileSync(proc.logFile, 'utf8')
            .split('\n')
            .filter((line) => line.includes('"runtime"'))
            .map((line) => (JSON.parse(line) as { runtime: string }).runtime);
          return [name, started.at(-1)];
        }),
    );
    expect(runtimes).toEqual(Object.fromEntries(['catalog', 'orders', 'returns', 'marketing', 'creators', 'gateway'].map((name) => [name, `node v${pinned}`])));
  });

  it('serves the explorer page without reaching the internet', async () => {
    const page = await fetch(stack.gatewayUrl.replace('/graphql', '/explorer/'));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('AltairGraphQL.init');
    const script = await fetch(stack.gatewayUrl.replace('/graphql', '/explorer/main.js'));
    expect(script.status).toBe(200);
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost)[a-z0-9.-]+\.[a-z]{2,}\/[^"']*\.(js|css)/i);
  });
});
