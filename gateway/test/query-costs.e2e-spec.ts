import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import { Identity } from '@sc/auth';
import { TestStack, callGateway, createLiveProduct, eventually, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';

// Exact downstream costs of the seller's hot screens through the real gateway (EXPOSE_QUERY_COSTS on the
// gateway, EXPOSE_SQL_STATEMENT_COUNT on every subgraph): the counts must not grow with the page size.
describe('query costs through the gateway', () => {
  let stack: TestStack;
  let ordersDb: Client;
  const seller = newSeller();
  const skus: Array<{ sku_id: string; product_id: string }> = [];
  const gql = <T = Record<string, unknown>>(identity: Identity, query: string, variables?: unknown) =>
    callGateway<T>(stack.gatewayUrl, stack.settings.clientTokenKey, identity, query, variables);
  const costsOf = (result: { extensions?: Record<string, unknown> }) => result.extensions?.queryCosts as QueryCosts;

  beforeAll(async () => {
    stack = await startTestStack('costs', { subgraphs: ['catalog', 'orders', 'returns', 'marketing', 'creators'], gateway: true });
    // A shop with three live products of two SKUs each, and two orders placed through the API that catalog
    // confirmed; the rest of the orders are copies of those made in SQL.
    const registered = await gql(seller, `mutation { registerShop(input: { name: "Cost Test Shop", currencyCode: "USD", timeZone: "UTC" }) { id } }`);
    expect(registered.errors).toBeUndefined();
    for (const title of ['Linen shirt', 'Canvas tote bag', 'Ceramic bowl']) {
      const product = await createLiveProduct(gql, seller, {
        title,
        skus: [
          { initialStock: 1000, salesAttributes: [{ name: 'Colour', value: 'Black' }] },
          { price: '1990', initialStock: 1000, salesAttributes: [{ name: 'Colour', value: 'White' }] },
        ],
      });
      for (const skuId of product.skuIds) skus.push({ sku_id: skuId, product_id: product.productId });
    }
    for (const offset of [0, 3]) {
      const buyer = newBuyer();
      const input = {
        shopId: seller.sellerId,
        idempotencyKey: newIdempotencyKey(),
        lines: [0, 1, 2].map((i) => ({ skuId: skus[(offset + i) % skus.length].sku_id, quantity: 1 + i })),
      };
      // orders learns the new SKUs' prices from catalog's events: retry (same key) until it has them.
      await eventually(
        () => gql(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, { input }),
        (placed) => !placed.errors,
      );
    }
    ordersDb = await stack.db('orders');
    await eventually(
      async () => (await ordersDb.query<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE status = 'PENDING'`)).rows[0].n,
      (n) => n === 0,
    );
    await cloneOrders(ordersDb, seller.sellerId!, skus, 220);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  const orderList = (first: number) => gql<OrderListResult>(seller, ORDER_LIST_QUERY, { first });

  it('lists 10, 50 and 200 orders with their lines, products and SKUs in the same ≤ 4 SQL statements and the same fetches', async () => {
    await orderList(10); // warms the gateway's plan cache and the subgraphs' start-up caches
    const results = await Promise.all([10, 50, 200].map(async (first) => ({ first, result: await orderList(first) })));
    for (const { first, result } of results) {
      expect(result.errors).toBeUndefined();
      const { nodes, pageInfo } = result.data!.shop.orders;
      expect(nodes).toHaveLength(first);
      expect(pageInfo.hasNextPage).toBe(true);
      expect(pageInfo.endCursor).toEqual(expect.any(String));
      const lines = nodes.flatMap((o) => o.lines);
      expect(lines.length).toBeGreaterThanOrEqual(first * 2);
      expect(new Set(lines.map((l) => l.sku.sellerSku)).size).toBe(skus.length);
      for (const line of lines) {
        expect(line.sku).toEqual({
          id: expect.stringMatching(/^sku_/),
          sellerSku: expect.any(String),
          price: { amountMinor: expect.stringMatching(/^\d+$/), currencyCode: 'USD' },
          availableQuantity: expect.any(Number),
        });
        expect(line.product).toEqual({ id: expect.stringMatching(/^prd_/), title: expect.any(String), status: 'ACTIVATE' });
      }
      // Every SKU started with 1000 units; the two API orders hold 1–3 of some of them.
      expect(lines.every((l) => l.sku.availableQuantity > 990 && l.sku.availableQuantity <= 1000)).toBe(true);
    }
    const costs = results.map(({ result }) => costsOf(result));
    // catalog: the shop, then the Sku and the Product entities (two fetches the gateway runs in parallel, one
    // statement each: a SKU's price, available units and stock status come from one query); orders: the page
    // with its lines, one statement.
    expect(costs[0]).toEqual({ subgraphFetches: { catalog: 3, orders: 1 }, sqlStatements: { catalog: 3, orders: 1 } });
    expect(costs[1]).toEqual(costs[0]);
    expect(costs[2]).toEqual(costs[0]);
    const total = Object.values(costs[0].sqlStatements).reduce((a, b) => a + b, 0);
    expect(total).toBeLessThanOrEqual(4);
  });

  it('refuses an order page above 200 with VALIDATION_FAILED, and other lists keep their maximum of 100', async () => {
    const tooMany = await orderList(201);
    expect(tooMany.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'first', message: 'must be between 1 and 200' }] });
    const products = await gql(seller, `{ shop { products(first: 101) { nodes { id } } } }`);
    expect(products.errors?.[0].extensions).toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ field: 'first', message: 'must be between 1 and 100' }] });
  });

  it('serves the home dashboard with a constant number of SQL statements and fetches', async () => {
    const dashboard = () =>
      gql(
        seller,
        `{ shop { name salesSummary(range: { preset: LAST_30_DAYS }) {
            current { gmv { amountMinor currencyCode } orders buyers visitors conversionBasisPoints }
            previous { gmv { amountMinor } orders }
            daily { day gmv { amountMinor } orders } }
          actionCounters { awaitingShipment toShipWithin24h autoCancelWithin24h pendingCancellationRequests unreadInquiries } } }`,
      );
    await dashboard();
    const first = await dashboard();
    expect(first.errors).toBeUndefined();
    expect(costsOf(first)).toEqual(DASHBOARD_COSTS);
    // The same after the shop gained more orders: the dashboard reads rollups and indexed counters only.
    await cloneOrders(ordersDb, seller.sellerId!, skus, 50);
    expect(costsOf(await dashboard())).toEqual(DASHBOARD_COSTS);
  });
});

// Mirrors ORDER_LIST_QUERY of tools/bench/workloads/queries.ts (the seller's order page as the benchmark sends
// it); keep the two identical so this test asserts the costs the benchmark measures.
const ORDER_LIST_QUERY = `query OrderList($first: Int!) {
  shop {
    orders(first: $first) {
      nodes {
        id status createdAt paidAt total { amountMinor currencyCode }
        lines {
          id quantity unitPrice { amountMinor } lineTotal { amountMinor }
          sku { id sellerSku price { amountMinor currencyCode } availableQuantity }
          product { id title status }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

interface MoneyView {
  amountMinor: string;
  currencyCode?: string;
}

/** The `data` of {@link ORDER_LIST_QUERY}. */
interface OrderListResult {
  shop: {
    orders: {
      nodes: Array<{
        id: string;
        status: string;
        createdAt: string;
        paidAt: string | null;
        total: MoneyView;
        lines: Array<{
          id: string;
          quantity: number;
          unitPrice: MoneyView;
          lineTotal: MoneyView;
          sku: { id: string; sellerSku: string; price: MoneyView; availableQuantity: number };
          product: { id: string; title: string; status: string };
        }>;
      }>;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
}

interface QueryCosts {
  subgraphFetches: Record<string, number>;
  sqlStatements: Record<string, number>;
}

// catalog: the shop; orders: the shop's zone, the daily rollups, the ranges' distinct counts (cached by the
// first read) and one statement of live counters.
const DASHBOARD_COSTS: QueryCosts = { subgraphFetches: { catalog: 1, orders: 1 }, sqlStatements: { catalog: 1, orders: 4 } };

const orderId = () => `ord_${Date.now().toString(36).padStart(9, '0')}${randomBytes(8).toString('hex')}`;

/**
 * Adds `count` orders to the shop in SQL (the API would take minutes): copies of an order catalog confirmed,
 * each with three lines over different SKUs of the shop, so every row is one the subgraphs could have written.
 */
async function cloneOrders(db: Client, sellerId: string, skus: Array<{ sku_id: string; product_id: string }>, count: number): Promise<void> {
  const template = (
    await db.query<{ id: string }>(`SELECT id FROM orders WHERE seller_id = $1 AND status NOT IN ('PENDING', 'CANCELLED') ORDER BY id LIMIT 1`, [sellerId])
  ).rows[0].id;
  const templateLine = (await db.query<{ id: string }>(`SELECT id FROM order_lines WHERE order_id = $1 ORDER BY position LIMIT 1`, [template])).rows[0].id;
  const ids = Array.from({ length: count }, orderId);
  const lines = ids.flatMap((id, i) =>
    [0, 1, 2].map((position) => ({
      id: `oln_${id.slice(4, 13)}${randomBytes(8).toString('hex')}`,
      order_id: id,
      position,
      ...skus[(i + position) % skus.length],
    })),
  );
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO orders SELECT (jsonb_populate_record(NULL::orders, to_jsonb(o) || jsonb_build_object('id', n.id))).*
       FROM orders o, unnest($2::text[]) AS n(id) WHERE o.id = $1`,
    [template, ids],
  );
  await db.query(
    `INSERT INTO order_lines SELECT (jsonb_populate_record(NULL::order_lines, to_jsonb(l) || to_jsonb(n))).*
       FROM order_lines l, jsonb_to_recordset($2::jsonb) AS n(id text, order_id text, position int, sku_id text, product_id text) WHERE l.id = $1`,
    [templateLine, JSON.stringify(lines)],
  );
  await db.query('COMMIT');
}
