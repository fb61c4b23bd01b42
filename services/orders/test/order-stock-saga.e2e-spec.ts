import { Identity } from '@sc/auth';
import {
  TestStack,
  callSubgraph,
  createLiveProduct,
  errorCodes,
  eventually,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  startTestStack,
  waitForSellable,
} from '@sc/testing';
import { subgraphUrlOf } from '@sc/stack';

// Orders with catalog over real Kafka and PostgreSQL: placement, stock confirmation and rejection.
describe('order stock saga (orders + catalog)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();

  const catalog = (identity: Identity, query: string, variables?: unknown) =>
    callSubgraph(subgraphUrlOf(stack.settings, 'catalog'), stack.settings.internalSigningSecret, identity, query, variables);
  const orders = (identity: Identity, query: string, variables?: unknown) =>
    callSubgraph(subgraphUrlOf(stack.settings, 'orders'), stack.settings.internalSigningSecret, identity, query, variables);

  async function createSku(stock: number): Promise<string> {
    // Reviewed and approved, so orders may sell it.
    const {
      skuIds: [skuId],
    } = await createLiveProduct(catalog, seller, { title: 'Linen shirt', skus: [{ price: '2500', initialStock: stock }] });
    await waitForSellable(await stack.db('orders'), [skuId]);
    return skuId;
  }

  const placeOrder = (skuId: string, quantity: number, key = newIdempotencyKey()) =>
    orders(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status total { amountMinor currencyCode } } }`, {
      input: { shopId: seller.sellerId, lines: [{ skuId, quantity }], idempotencyKey: key },
    });

  const orderStatus = async (id: string) => {
    const result = await orders(seller, `query($id: ID!) { order(id: $id) { status cancelReason } }`, { id });
    return (result.data as any).order as { status: string; cancelReason: string | null };
  };

  beforeAll(async () => {
    stack = await startTestStack('saga', { subgraphs: ['catalog', 'orders'] });
    const shop = await catalog(seller, `mutation { registerShop(input: { name: "Saga shop", currencyCode: "USD", timeZone: "America/New_York" }) { id } }`);
    expect(shop.errors).toBeUndefined();
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('confirms an order once catalog has reserved its stock', async () => {
    const skuId = await createSku(5);
    const placed = await placeOrder(skuId, 2);
    expect(placed.errors).toBeUndefined();
    const order = (placed.data as any).placeOrder;
    expect(order).toMatchObject({ status: 'PENDING', total: { amountMinor: '5000', currencyCode: 'USD' } });

    expect(
      await eventually(
        () => orderStatus(order.id),
        (o) => o.status !== 'PENDING',
      ),
    ).toEqual({ status: 'UNPAID', cancelReason: null });
    const catalogDb = await stack.db('catalog');
    const level = await catalogDb.query('SELECT on_hand, reserved FROM inventory_levels WHERE sku_id = $1', [skuId]);
    expect(level.rows[0]).toEqual({ on_hand: 5, reserved: 2 });
  });

  it('with stock 1 and two concurrent orders confirms exactly one and cancels the other for INSUFFICIENT_STOCK', async () => {
    const skuId = await createSku(1);
    const [a, b] = await Promise.all([placeOrder(skuId, 1), placeOrder(skuId, 1)]);
    const ids = [(a.data as any).placeOrder.id, (b.data as any).placeOrder.id];
    const outcomes = await Promise.all(
      ids.map((id) =>
        eventually(
          () => orderStatus(id),
          (o) => o.status !== 'PENDING',
        ),
      ),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['CANCELLED', 'UNPAID']);
    expect(outcomes.find((o) => o.status === 'CANCELLED')!.cancelReason).toBe('INSUFFICIENT_STOCK');
    const catalogDb = await stack.db('catalog');
    const level = await catalogDb.query('SELECT on_hand, reserved FROM inventory_levels WHERE sku_id = $1', [skuId]);
    expect(level.rows[0]).toEqual({ on_hand: 1, reserved: 1 });
  });

  it('returns the same order for a repeated idempotency key and refuses the key with other input', async () => {
    const skuId = await createSku(10);
    const key = newIdempotencyKey();
    const first = await placeOrder(skuId, 1, key);
    const again = await placeOrder(skuId, 1, key);
    expect((again.data as any).placeOrder.id).toBe((first.data as any).placeOrder.id);
    const other = await placeOrder(skuId, 2, key);
    expect(errorCodes(other)).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it.each([
    ['quantity 0', (sku: string) => ({ skuId: sku, quantity: 0 }), 'VALIDATION_FAILED'],
    ['negative quantity', (sku: string) => ({ skuId: sku, quantity: -3 }), 'VALIDATION_FAILED'],
    ['unknown SKU', () => ({ skuId: 'sku_doesnotexist0000000000', quantity: 1 }), 'NOT_FOUND'],
  ])('refuses %s with a typed error and writes nothing', async (_name, line, code) => {
    const skuId = await createSku(3);
    const ordersDb = await stack.db('orders');
    const before = await ordersDb.query('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM outbox) AS outbox');
    const result = await orders(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { shopId: seller.sellerId, lines: [line(skuId)], idempotencyKey: newIdempotencyKey() },
    });
    expect(errorCodes(result)).toEqual([code]);
    const after = await ordersDb.query('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM outbox) AS outbox');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it("refuses another seller's SKU as not found", async () => {
    const skuId = await createSku(3);
    const otherShop = newSeller();
    const result = await orders(buyer, `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }`, {
      input: { shopId: otherShop.sellerId, lines: [{ skuId, quantity: 1 }], idempotencyKey: newIdempotencyKey() },
    });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});
