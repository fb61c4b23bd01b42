import { Client } from 'pg';
import { Identity } from '@sc/auth';
import {
  LiveProduct,
  TestStack,
  callGateway,
  createLiveProduct,
  errorCodes,
  eventually,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  productCreatedFixture,
  productStatusChangedFixture,
  publishRaw,
  startTestStack,
  waitForSellable,
  waitForShopInOrders,
} from '@sc/testing';

// Whether orders sells a product, across catalog and orders (both behind the gateway, real PostgreSQL and
// Kafka): orders' price and sellability read model follows catalog's product events, and placeOrder is
// refused for a product catalog took off sale. Catalog's side alone (the events it publishes) is in
// services/catalog/test/product-lifecycle.e2e-spec.ts.
describe('product sellability in orders (catalog → orders)', () => {
  let stack: TestStack;
  let ordersDb: Client;
  const seller = newSeller();
  const buyer = newBuyer();
  const key = newIdempotencyKey;

  const gql = <T = unknown>(identity: Identity, query: string, variables?: unknown) =>
    callGateway<T>(stack.gatewayUrl, stack.settings.clientTokenKey, identity, query, variables);

  const EDIT = `mutation($input: EditProductInput!) { editProduct(input: $input) { id status hasPendingRevision } }`;
  const PRICES = `mutation($input: UpdateSkuPricesInput!) { updateSkuPrices(input: $input) { id skus { id price { amountMinor } } } }`;
  const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;
  const bulk = (name: 'activateProducts' | 'deactivateProducts') =>
    `mutation($input: BulkProductsInput!) { ${name}(input: $input) { productId ok error { code message } } }`;
  type BulkResultView = { productId: string; ok: boolean; error: { code: string; message: string } | null };

  const live = (title: string): Promise<LiveProduct> => createLiveProduct(gql, seller, { title });
  const placeOrder = (skuId: string) =>
    gql<{ placeOrder: { id: string; status: string } }>(buyer, PLACE, {
      input: { shopId: seller.sellerId, lines: [{ skuId, quantity: 1 }], idempotencyKey: key() },
    });
  const ordersCounts = async () =>
    (await ordersDb.query<{ o: string; x: string }>(`SELECT (SELECT count(*) FROM orders) o, (SELECT count(*) FROM outbox) x`)).rows[0];
  const skuPriceOf = async (skuId: string) =>
    (await ordersDb.query<{ price_minor: string; sellable: boolean }>('SELECT price_minor, sellable FROM sku_prices WHERE sku_id = $1', [skuId])).rows[0];

  beforeAll(async () => {
    stack = await startTestStack('sellability', { subgraphs: ['catalog', 'orders'], gateway: true });
    ordersDb = await stack.db('orders');
    const shop = await gql<{ registerShop: { id: string } }>(
      seller,
      `mutation { registerShop(input: { name: "Sellability shop", currencyCode: "USD", timeZone: "UTC" }) { id } }`,
    );
    expect(shop.errors).toBeUndefined();
    await waitForShopInOrders(ordersDb, seller.sellerId!);
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it("keeps a live product on sale in orders while its content edit is reviewed, and takes catalog's new price without review", async () => {
    const product = await live('Linen shirt with mother-of-pearl buttons');
    await waitForSellable(ordersDb, product.skuIds);
    const edited = await gql<{ editProduct: { id: string; status: string; hasPendingRevision: boolean } }>(seller, EDIT, {
      input: { productId: product.productId, title: 'Linen shirt with horn buttons, relaxed fit', idempotencyKey: key() },
    });
    expect(edited.data?.editProduct).toMatchObject({ status: 'ACTIVATE', hasPendingRevision: true });
    const placed = await placeOrder(product.skuIds[0]);
    expect(placed.errors).toBeUndefined();

    const prices = await gql<{ updateSkuPrices: { skus: Array<{ id: string; price: { amountMinor: string } }> } }>(seller, PRICES, {
      input: {
        productId: product.productId,
        prices: [{ skuId: product.skuIds[0], price: { amountMinor: '1999', currencyCode: 'USD' } }],
        idempotencyKey: key(),
      },
    });
    expect(prices.data?.updateSkuPrices.skus[0].price.amountMinor).toBe('1999');
    const inOrders = await eventually(
      () => skuPriceOf(product.skuIds[0]),
      (row) => row.price_minor === '1999',
    );
    expect(inOrders).toEqual({ price_minor: '1999', sellable: true });
  });

  it('refuses orders for a product after it is deactivated (PRODUCT_NOT_AVAILABLE), writing nothing in orders', async () => {
    const product = await live('Waxed cotton rain jacket, olive');
    await waitForSellable(ordersDb, product.skuIds);
    const result = await gql<{ deactivateProducts: BulkResultView[] }>(seller, bulk('deactivateProducts'), {
      input: { productIds: [product.productId], idempotencyKey: key() },
    });
    expect(result.data?.deactivateProducts).toEqual([{ productId: product.productId, ok: true, error: null }]);
    await waitForSellable(ordersDb, product.skuIds, false);
    const before = await ordersCounts();
    expect(errorCodes(await placeOrder(product.skuIds[0]))).toEqual(['PRODUCT_NOT_AVAILABLE']);
    expect(await ordersCounts()).toEqual(before);
    const activated = await gql<{ activateProducts: BulkResultView[] }>(seller, bulk('activateProducts'), {
      input: { productIds: [product.productId], idempotencyKey: key() },
    });
    expect(activated.data?.activateProducts[0].ok).toBe(true);
    await waitForSellable(ordersDb, product.skuIds);
    expect((await placeOrder(product.skuIds[0])).errors).toBeUndefined();
  });

  // Orders' consumer alone, fed catalog's events as fixtures (no catalog command involved): it belongs with
  // orders' own specs and stays here until they take it.
  it("settles orders' sellability on the newest product version whatever order events arrive in", async () => {
    const created = productCreatedFixture(seller, { title: 'Out of order', status: 'PENDING', skus: [{ sellerSku: 'OOO-1', price: '100' }] });
    const { productId } = created;
    const [skuId] = created.skus.map((s) => s.skuId);
    const deactivated = productStatusChangedFixture(seller, { productId, aggregateVersion: 3, from: 'ACTIVATE', to: 'SELLER_DEACTIVATED' });
    // Newest first, then the creation, then a stale approval, then a redelivery of the newest.
    const stale = productStatusChangedFixture(seller, { productId, aggregateVersion: 2, from: 'PENDING', to: 'ACTIVATE', byPlatform: true });
    await publishRaw(stack.settings, 'catalog.product.v1', [deactivated, created.event, stale, deactivated]);
    const ids = [deactivated.id, created.event.id, stale.id];
    await eventually(
      async () => (await ordersDb.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [ids])).rows[0].n,
      (n) => n === 3,
    );
    const row = (
      await ordersDb.query<{ sellable: boolean; status: string; status_version: number }>(
        'SELECT p.sellable, s.status, s.status_version FROM sku_prices p JOIN product_sellability s USING (product_id) WHERE p.sku_id = $1',
        [skuId],
      )
    ).rows[0];
    expect(row).toEqual({ sellable: false, status: 'SELLER_DEACTIVATED', status_version: 3 });
  });
});
