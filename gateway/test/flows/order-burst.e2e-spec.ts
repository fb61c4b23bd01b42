import { signClientToken, type Identity } from '@sc/auth';
import { TestStack, assertNoInternalDetails, eventually, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { flowOf } from './flow-support';

// A burst of 2,000 buyers placing an order for a SKU with 200 units, all at once, through the gateway: every
// client gets its order or a typed, retryable refusal made before anything was written; no buyer told "no" has
// an order; and once the refused retry as told, exactly 200 orders hold the stock (the rest are cancelled for
// stock by the saga, and their buyers were told their order was placed). Before admission control, 1,997 of
// 2,000 got SUBGRAPH_TIMEOUT while their orders were being written. Catalog, orders and the gateway over real
// Kafka and PostgreSQL.
describe('a burst of 2,000 placeOrder calls (catalog + orders + gateway)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const flow = flowOf(() => stack);
  const BUYERS = 2000;
  const STOCK = 200;
  /** Refusals a client may get for a placement: retry after `retry-after` (same idempotency key). */
  const RETRYABLE = new Set(['OVERLOADED', 'THROTTLED']);

  beforeAll(async () => {
    stack = await startTestStack('burst', { subgraphs: ['catalog', 'orders'], gateway: true });
    await flow.registerShop(seller, { name: 'Burst shop' });
  }, 240_000);
  afterAll(() => stack?.dispose());

  type Answer = { status: number; retryAfter: number; orderId?: string; code?: string };

  it('answers every client with its order or a typed refusal before anything is written, and confirms exactly the stock', async () => {
    const skuId = await flow.createSku(seller, { stock: STOCK, price: '1500' });
    const buyers: Identity[] = Array.from({ length: BUYERS }, () => newBuyer());
    const tokens = await Promise.all(buyers.map((buyer) => signClientToken(buyer, stack.settings.clientTokenKey)));
    const keys = buyers.map(() => newIdempotencyKey());

    const place = async (i: number): Promise<Answer> => {
      const response = await fetch(stack.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
        body: JSON.stringify({
          query: 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
          variables: { input: { shopId: seller.sellerId, lines: [{ skuId, quantity: 1 }], idempotencyKey: keys[i] } },
        }),
      });
      const body = (await response.json()) as { data?: { placeOrder: { id: string } | null }; errors?: Array<{ extensions?: { code?: string } }> };
      assertNoInternalDetails(body.errors);
      return {
        status: response.status,
        retryAfter: Number(response.headers.get('retry-after') ?? 0),
        orderId: body.data?.placeOrder?.id,
        code: body.errors?.[0]?.extensions?.code,
      };
    };

    const first = await Promise.all(buyers.map((_, i) => place(i)));
    const placed = first.filter((a) => a.orderId);
    const refused = first.filter((a) => !a.orderId);
    // Every client got its order or a typed refusal it can retry: no 500, no timeout, no unknown outcome.
    expect(first.filter((a) => !a.orderId && !RETRYABLE.has(a.code ?? ''))).toEqual([]);
    expect(refused.every((a) => a.status === 503 || a.status === 429)).toBe(true);
    expect(refused.every((a) => a.retryAfter >= 1)).toBe(true);
    expect(placed.length).toBeGreaterThan(0);

    // Nothing was written for a refused client: the orders that exist are exactly those of the clients told so.
    const ordersDb = await stack.db('orders');
    const written = async () =>
      (await ordersDb.query<{ id: string; buyer_id: string }>('SELECT id, buyer_id FROM orders WHERE seller_id = $1', [seller.sellerId])).rows;
    const firstIds = new Set(placed.map((a) => a.orderId));
    expect(new Set((await written()).map((r) => r.id))).toEqual(firstIds);

    // The refused retry as told, with the same idempotency key, until each has its order.
    let waiting = first.map((a, i) => (a.orderId ? -1 : i)).filter((i) => i >= 0);
    const answers = [...first];
    for (let round = 0; waiting.length > 0 && round < 40; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Math.max(...waiting.map((i) => answers[i].retryAfter))));
      const again = await Promise.all(waiting.map((i) => place(i)));
      again.forEach((answer, n) => (answers[waiting[n]] = answer));
      expect(again.filter((a) => !a.orderId && !RETRYABLE.has(a.code ?? ''))).toEqual([]);
      waiting = waiting.filter((i) => !answers[i].orderId);
    }
    expect(waiting).toEqual([]);
    const rows = await written();
    expect(rows).toHaveLength(BUYERS); // one order per buyer: retries never doubled one
    expect(new Set(rows.map((r) => r.buyer_id)).size).toBe(BUYERS);

    // The saga settles every order: exactly the stock is confirmed, the rest cancelled for stock.
    const settled = await eventually(
      async () =>
        (
          await ordersDb.query<{ status: string; cancel_reason: string | null; n: number }>(
            'SELECT status, cancel_reason, count(*)::int AS n FROM orders WHERE seller_id = $1 GROUP BY 1, 2 ORDER BY 1, 2',
            [seller.sellerId],
          )
        ).rows,
      (groups) => !groups.some((g) => g.status === 'PENDING'),
      180_000,
    );
    expect(settled).toEqual([
      { status: 'CANCELLED', cancel_reason: 'INSUFFICIENT_STOCK', n: BUYERS - STOCK },
      { status: 'UNPAID', cancel_reason: null, n: STOCK },
    ]);
  }, 600_000);
});
