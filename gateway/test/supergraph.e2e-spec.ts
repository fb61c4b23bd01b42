import { Identity } from '@sc/auth';
import { DEMO_SELLER, GatewayClient, seedDemoData, subgraphUrlOf } from '@sc/stack';
import { TestStack, callAnonymously, callGateway, errorCodes, eventually, newBuyer, newIdempotencyKey, startTestStack } from '@sc/testing';

// The whole graph: five subgraph processes behind the gateway, real PostgreSQL and Kafka, seeded with
// the same demo data `npm start` loads.
describe('supergraph through the gateway', () => {
  let stack: TestStack;
  const gql = <T = any>(identity: Identity, query: string, variables?: unknown) =>
    callGateway<T>(stack.gatewayUrl, stack.settings.authJwtSecret, identity, query, variables);

  beforeAll(async () => {
    stack = await startTestStack('system', { subgraphs: ['catalog', 'orders', 'returns', 'marketing', 'creators'], gateway: true });
    await seedDemoData(new GatewayClient(stack.gatewayUrl, stack.settings.authJwtSecret), () => undefined);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it("answers one query with the demo shop's data from all five subgraphs", async () => {
    const ordersDb = await stack.db('orders');
    await eventually(async () => (await ordersDb.query(`SELECT count(*)::int AS n FROM orders WHERE status = 'PENDING'`)).rows[0].n, (n) => n === 0);
    const result = await gql(
      DEMO_SELLER,
      `{ shop {
          name currencyCode
          products(first: 10) { nodes { title skus { sellerSku price { amountMinor currencyCode } availableQuantity }
            activePromotions { title discountBasisPoints } collaborations { commissionRateBps creator { handle } } } }
          orders(first: 10) { nodes { status total { amountMinor currencyCode } cancelReason
            lines { quantity sku { sellerSku } product { title } } returns { status } } }
      } }`,
    );
    expect(result.errors).toBeUndefined();
    const shop = result.data.shop;
    expect(shop.name).toBe('Demo Outfitters'); // catalog
    expect(shop.orders.nodes).toHaveLength(4); // orders
    expect(shop.orders.nodes.map((o: any) => o.status).sort()).toEqual(['CANCELLED', 'UNPAID', 'UNPAID', 'UNPAID']);
    expect(shop.orders.nodes.find((o: any) => o.status === 'CANCELLED').cancelReason).toBe('INSUFFICIENT_STOCK');
    expect(shop.orders.nodes.flatMap((o: any) => o.lines).every((l: any) => l.sku.sellerSku && l.product.title)).toBe(true);
    expect(shop.orders.nodes.flatMap((o: any) => o.returns)).toHaveLength(1); // returns
    const tee = shop.products.nodes.find((p: any) => p.title === 'Organic cotton tee, relaxed crew neck');
    expect(tee.activePromotions).toEqual([{ title: 'Year-end sale', discountBasisPoints: 1500 }]); // marketing
    expect(tee.collaborations).toEqual([{ commissionRateBps: 1200, creator: { handle: 'dailydrip' } }]); // creators
    expect(tee.skus.find((s: any) => s.sellerSku === 'TEE-BLK-M').availableQuantity).toBe(38);
  });

  it('confirms an order placed through the gateway once catalog has reserved its stock', async () => {
    const buyer = newBuyer();
    const products = await gql(DEMO_SELLER, `{ shop { products(first: 10) { nodes { skus { id sellerSku } } } } }`);
    const mug = products.data.shop.products.nodes.flatMap((p: any) => p.skus).find((s: any) => s.sellerSku === 'MUG-SAND');
    const placed = await gql(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`, {
      input: { shopId: DEMO_SELLER.sellerId, lines: [{ skuId: mug.id, quantity: 2 }], idempotencyKey: newIdempotencyKey() },
    });
    expect(placed.data.placeOrder.status).toBe('PENDING');
    const order = await eventually(
      async () => (await gql(buyer, `query($id: ID!) { order(id: $id) { status lines { sku { availableQuantity } } } }`, { id: placed.data.placeOrder.id })).data.order,
      (o: any) => o.status !== 'PENDING',
    );
    expect(order.status).toBe('UNPAID');
  });

  it('passes typed errors from subgraphs through the gateway, writing nothing', async () => {
    const ordersDb = await stack.db('orders');
    const before = (await ordersDb.query('SELECT count(*)::int AS n FROM orders')).rows[0].n;
    const bad = await gql(newBuyer(), `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { shopId: DEMO_SELLER.sellerId, lines: [{ skuId: 'sku_unknown', quantity: 0 }], idempotencyKey: newIdempotencyKey() },
    });
    expect(errorCodes(bad)).toEqual(['VALIDATION_FAILED']);
    const malformedMoney = await gql(DEMO_SELLER, `mutation($input: CreateProductInput!) { createProduct(input: $input) { id } }`, {
      input: { title: 'Bad price', idempotencyKey: newIdempotencyKey(), skus: [{ sellerSku: 'BAD-1', price: { amountMinor: '19.99', currencyCode: 'USD' } }] },
    });
    expect(errorCodes(malformedMoney)).toEqual(['VALIDATION_FAILED']);
    expect((await ordersDb.query('SELECT count(*)::int AS n FROM orders')).rows[0].n).toBe(before);
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
    }
  });

  it("does not show one seller's shop data to another seller", async () => {
    const other = { userId: 'usr_other', sellerId: 'shp_other', roles: ['SELLER_STAFF' as const] };
    const result = await gql(other, `{ shop { name } }`);
    expect(result.data.shop).toBeNull();
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
