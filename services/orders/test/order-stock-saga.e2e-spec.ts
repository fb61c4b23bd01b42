import { OrderPlacedV1 } from '@sc/events';
import { TestStack, errorCodes, eventually, newBuyer, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';
import { announceLiveProduct, announceShop, placedEventOf, refuseStock, reserveStock } from './support/catalog-feed';
import { orderCommands, orderEventsOfType, ordersCaller } from './support/order-flow';

// Orders' side of the stock saga, orders alone over real Kafka and PostgreSQL: placement and what it asks
// catalog to reserve, catalog's answers (fixtures, as catalog publishes them) confirming or cancelling the
// order, and placement refusals. The saga with catalog's real ledger is gateway/test/flows/order-stock-saga.e2e-spec.ts.
describe('order stock saga, orders side (catalog events as fixtures)', () => {
  let stack: TestStack;
  const seller = newSeller();
  const buyer = newBuyer();
  const call = ordersCaller(() => stack);
  const { mutate } = orderCommands(call);

  type Placed = { id: string; status: string; total: { amountMinor: string; currencyCode: string } };

  /** A live 25.00 USD SKU of the seller, once orders sells it. */
  const createSku = async (): Promise<string> => (await announceLiveProduct(stack, seller, { title: 'Linen shirt', skus: [{ price: '2500' }] })).skuIds[0];

  const placeOrder = (skuId: string, quantity: number, key = newIdempotencyKey()) =>
    mutate<Placed>(
      buyer,
      'placeOrder',
      'PlaceOrderInput',
      { shopId: seller.sellerId, lines: [{ skuId, quantity }], idempotencyKey: key },
      'id status total { amountMinor currencyCode }',
    );

  const orderStatus = async (id: string) => {
    const result = await call<{ order: { status: string; cancelReason: string | null } }>(
      seller,
      `query($id: ID!) { order(id: $id) { status cancelReason } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.order;
  };
  const settled = (id: string) =>
    eventually(
      () => orderStatus(id),
      (o) => o.status !== 'PENDING',
    );

  beforeAll(async () => {
    stack = await startTestStack('saga', { subgraphs: ['orders'] });
    await announceShop(stack, seller, { name: 'Saga shop', currencyCode: 'USD', timeZone: 'America/New_York' });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('asks catalog to reserve the lines placed, and confirms the order once catalog has reserved its stock', async () => {
    const skuId = await createSku();
    const placed = await placeOrder(skuId, 2);
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    expect(order).toMatchObject({ status: 'PENDING', total: { amountMinor: '5000', currencyCode: 'USD' } });
    // What catalog reserves from.
    const request: OrderPlacedV1 = (await placedEventOf(stack, order.id)).payload;
    expect(request).toMatchObject({
      orderId: order.id,
      buyerId: buyer.userId,
      total: { amountMinor: '5000', currencyCode: 'USD' },
      lines: [{ skuId, quantity: 2, unitPrice: { amountMinor: '2500', currencyCode: 'USD' } }],
    });
    // Still PENDING until catalog answers.
    expect(await orderStatus(order.id)).toEqual({ status: 'PENDING', cancelReason: null });

    await reserveStock(stack, order.id);
    expect(await settled(order.id)).toEqual({ status: 'UNPAID', cancelReason: null });
    expect((await orderEventsOfType(stack, order.id, 'order.confirmed')).map((e) => e.payload)).toEqual([{ orderId: order.id, status: 'UNPAID' }]);
  });

  it("of two concurrent orders for the last unit confirms the one catalog reserved and cancels the other with catalog's INSUFFICIENT_STOCK", async () => {
    const skuId = await createSku();
    const [a, b] = await Promise.all([placeOrder(skuId, 1), placeOrder(skuId, 1)]);
    expect([a.errors, b.errors]).toEqual([undefined, undefined]);
    const [reserved, refused] = [a.data!.placeOrder.id, b.data!.placeOrder.id];
    await Promise.all([reserveStock(stack, reserved), refuseStock(stack, refused, 'INSUFFICIENT_STOCK')]);
    expect(await settled(reserved)).toEqual({ status: 'UNPAID', cancelReason: null });
    expect(await settled(refused)).toEqual({ status: 'CANCELLED', cancelReason: 'INSUFFICIENT_STOCK' });
    // Catalog closes the refused order on this (a late reservation then holds nothing).
    expect((await orderEventsOfType(stack, refused, 'order.cancelled')).map((e) => e.payload)).toEqual([
      { orderId: refused, reason: 'INSUFFICIENT_STOCK', cancelledBy: 'SYSTEM' },
    ]);
    expect(await orderEventsOfType(stack, refused, 'order.confirmed')).toEqual([]);
  });

  it('returns the same order for a repeated idempotency key and refuses the key with other input', async () => {
    const skuId = await createSku();
    const key = newIdempotencyKey();
    const first = await placeOrder(skuId, 1, key);
    const again = await placeOrder(skuId, 1, key);
    expect(first.errors).toBeUndefined();
    expect(again.data!.placeOrder.id).toBe(first.data!.placeOrder.id);
    const other = await placeOrder(skuId, 2, key);
    expect(errorCodes(other)).toEqual(['IDEMPOTENCY_CONFLICT']);
  });

  it.each([
    ['quantity 0', (sku: string) => ({ skuId: sku, quantity: 0 }), 'VALIDATION_FAILED'],
    ['negative quantity', (sku: string) => ({ skuId: sku, quantity: -3 }), 'VALIDATION_FAILED'],
    ['unknown SKU', () => ({ skuId: 'sku_doesnotexist0000000000', quantity: 1 }), 'NOT_FOUND'],
  ])('refuses %s with a typed error and writes nothing', async (_name, line, code) => {
    const skuId = await createSku();
    const ordersDb = await stack.db('orders');
    const before = await ordersDb.query('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM outbox) AS outbox');
    const result = await mutate(buyer, 'placeOrder', 'PlaceOrderInput', { shopId: seller.sellerId, lines: [line(skuId)] }, 'id');
    expect(errorCodes(result)).toEqual([code]);
    const after = await ordersDb.query('SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM outbox) AS outbox');
    expect(after.rows[0]).toEqual(before.rows[0]);
  });

  it("refuses another seller's SKU as not found", async () => {
    const skuId = await createSku();
    const otherShop = newSeller();
    const result = await mutate(buyer, 'placeOrder', 'PlaceOrderInput', { shopId: otherShop.sellerId, lines: [{ skuId, quantity: 1 }] }, 'id');
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});
