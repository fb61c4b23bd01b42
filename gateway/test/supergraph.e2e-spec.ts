import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { CORRELATION_ID_HEADER, INTERNAL_CONTEXT_HEADER, Identity, generateSigningKey, signClientToken, signInternalContext } from '@sc/auth';
import { subgraphUrlOf, writeClientJwks } from '@sc/stack';
import { DEMO_SELLER, DEMO_STACK_ENV, GatewayClient, seedDemoData, seedDemoPageViews } from '@sc/demo';
import { TestStack, callAnonymously, callGateway, errorCodes, eventually, newBuyer, newIdempotencyKey, startTestStack } from '@sc/testing';

// The whole graph: five subgraph processes behind the gateway, real PostgreSQL and Kafka, seeded with
// the same demo data `npm start` loads, on the same demo environment (a zero-length remorse window, so
// the seed ships, delivers and refunds orders).

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

/** `gmv refunds netSales { amountMinor } orders buyers visitors` of one period. */
interface FiguresView {
  gmv: MoneyView;
  refunds: MoneyView;
  netSales: MoneyView;
  orders: number;
  buyers: number;
  visitors: number;
}

/** The home dashboard as the second test selects it. */
interface DashboardResult {
  shop: {
    today: { current: FiguresView; previous: FiguresView };
    week: { current: FiguresView };
    month: { current: FiguresView };
    actionCounters: { awaitingShipment: number; pendingCancellationRequests: number; unreadInquiries: number };
    orders: {
      nodes: Array<{ status: string; paidAt: string | null; total: MoneyView; returns: Array<{ refund: { amount: MoneyView } | null }> }>;
    };
  };
}

describe('supergraph through the gateway', () => {
  let stack: TestStack;
  const gql = <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) =>
    callGateway<T>(stack.gatewayUrl, stack.settings.clientTokenKey, identity, query, variables);
  // One instant for both seed runs: page-view ids derive from their day, so a rerun republishes the same events.
  const seededAt = new Date();
  const seed = async () => {
    const client = new GatewayClient(stack.gatewayUrl, stack.settings.clientTokenKey);
    await seedDemoData(client, () => undefined);
    await seedDemoPageViews(stack.settings, client, () => undefined, seededAt);
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
          orders(first: 10) { nodes { status total { amountMinor currencyCode } cancelReason cancelledBy hasOpenCancellation packages { status }
            lines { quantity sku { sellerSku } product { title } } returns { type status } } }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    const shop = result.data!.shop;
    expect(shop.name).toBe('Demo Outfitters'); // catalog
    expect(shop.orders.nodes.flatMap((o) => o.lines).every((l) => l.sku.sellerSku && l.product.title)).toBe(true);
    // Orders (status, cancellation, packages) with returns' requests on them, one line per order.
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

  it("shows the seeded activity on the seller's home dashboard for today, 7 and 30 days, and the action counters", async () => {
    const figures = 'gmv { amountMinor } refunds { amountMinor } netSales { amountMinor } orders buyers visitors';
    const query = `{ shop {
        today: salesSummary(range: { preset: TODAY }) { current { ${figures} } previous { ${figures} } }
        week: salesSummary(range: { preset: LAST_7_DAYS }) { current { ${figures} } }
        month: salesSummary(range: { preset: LAST_30_DAYS }) { current { ${figures} } }
        actionCounters { awaitingShipment pendingCancellationRequests unreadInquiries }
        orders(first: 10) { nodes { status paidAt total { amountMinor } returns { refund { amount { amountMinor } } } } }
      } }`;
    type Figures = { gmv: bigint; refunds: bigint; netSales: bigint; orders: bigint; buyers: bigint; visitors: bigint };
    const plain = (f: FiguresView): Figures => ({
      gmv: BigInt(f.gmv.amountMinor),
      refunds: BigInt(f.refunds.amountMinor),
      netSales: BigInt(f.netSales.amountMinor),
      orders: BigInt(f.orders),
      buyers: BigInt(f.buyers),
      visitors: BigInt(f.visitors),
    });
    const plus = (a: Figures, b: Figures): Figures => ({
      gmv: a.gmv + b.gmv,
      refunds: a.refunds + b.refunds,
      netSales: a.netSales + b.netSales,
      orders: a.orders + b.orders,
      buyers: a.buyers + b.buyers,
      visitors: a.visitors + b.visitors,
    });
    // Paid: 2×19.00 + 14.50, 59.00, 3×24.50 (free shipping from 50.00), 14.50 (cancelled on request after payment)
    // and 19.00 (each + 4.99 shipping); one serum refunded.
    const sales = { gmv: 21850n + 2n * 499n, refunds: 2450n, netSales: 21850n + 2n * 499n - (1450n + 499n) - 2450n, orders: 5n };
    const shop = await eventually(
      async () => (await gql<DashboardResult>(DEMO_SELLER, query)).data!.shop,
      (s) => {
        const todayAndYesterday = plus(plain(s.today.current), plain(s.today.previous));
        // Refunds and page views reach the dashboard through Kafka.
        return todayAndYesterday.refunds === sales.refunds && todayAndYesterday.visitors >= 12n && plain(s.week.current).visitors === 12n;
      },
    );
    // The seed's figures, from the orders themselves.
    const paid = shop.orders.nodes.filter((o) => o.paidAt);
    const sum = (orders: Array<{ total: MoneyView }>) => orders.reduce((total, o) => total + BigInt(o.total.amountMinor), 0n);
    expect(paid).toHaveLength(5);
    expect(sum(paid)).toBe(sales.gmv);
    expect(sum(paid.filter((o) => o.status === 'CANCELLED'))).toBe(1450n + 499n);
    expect(
      shop.orders.nodes
        .flatMap((o) => o.returns)
        .filter((r) => r.refund)
        .map((r) => BigInt(r.refund!.amount.amountMinor)),
    ).toEqual([sales.refunds]);

    // Every sale happened seconds ago: today in the shop's zone, or yesterday when the seed ran just before
    // midnight. TODAY with the day before holds them all; LAST_7_DAYS and LAST_30_DAYS end yesterday (full
    // days only), so with TODAY they add up to them too.
    const today = plain(shop.today.current);
    const todayAndYesterday = plus(today, plain(shop.today.previous));
    for (const figures of [todayAndYesterday, plus(plain(shop.week.current), today), plus(plain(shop.month.current), today)]) {
      expect({ gmv: figures.gmv, refunds: figures.refunds, netSales: figures.netSales, orders: figures.orders }).toEqual(sales);
      expect(figures.buyers).toBeGreaterThanOrEqual(3n); // three demo buyers paid (one paying on both days counts on both)
    }
    // Page views: the twelve demo visitors, today and on each of the six days before.
    expect(todayAndYesterday.visitors).toBeGreaterThanOrEqual(12n);
    expect(plain(shop.week.current).visitors).toBe(12n);
    expect(plain(shop.month.current).visitors).toBe(12n);
    expect(shop.actionCounters).toEqual({ awaitingShipment: 2, pendingCancellationRequests: 1, unreadInquiries: 1 });
  });

  it('changes nothing when the demo data is seeded a second time', async () => {
    type OrdersCountsRow = Record<'orders' | 'packages' | 'cancellations' | 'timers' | 'conversations' | 'messages' | 'outbox', number> & {
      statuses: string | null;
    };
    type ReturnsCountsRow = Record<'requests' | 'refunds' | 'outbox', number>;
    const counts = async () => {
      const [orders, returns] = await Promise.all([stack.db('orders'), stack.db('returns')]);
      const o = await orders.query<OrdersCountsRow>(`SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM packages)::int AS packages,
                                           (SELECT count(*) FROM cancellation_requests)::int AS cancellations, (SELECT count(*) FROM order_timers)::int AS timers,
                                           (SELECT count(*) FROM conversations)::int AS conversations, (SELECT count(*) FROM messages)::int AS messages,
                                           (SELECT count(*) FROM outbox)::int AS outbox,
                                           (SELECT string_agg(status, ',' ORDER BY id) FROM orders) AS statuses`);
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
