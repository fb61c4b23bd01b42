import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { EventEnvelope, OrderPlacedV1 } from '@sc/events';
import { subgraphUrlOf } from '@sc/stack';
import {
  GraphQLResult,
  TestStack,
  createLiveProduct,
  errorCodes,
  eventually,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  publishRaw,
  readDeadLetters,
  startTestStack,
  testEvent,
} from '@sc/testing';
import { CatalogCall, CountRow, Entities, OutOfStockListView, PageInfoView, ShopProductsView, catalogCaller, dataOf } from './support/catalog-api';

/** A product as this spec's CREATE selects it. */
interface CreatedProductView {
  id: string;
  status: string;
  skus: Array<{
    id: string;
    sellerSku: string;
    price: { amountMinor: string; currencyCode: string; fractionDigits: number };
    availableQuantity: number;
  }>;
}
type CreateResult = { createProduct: CreatedProductView };

// The catalog subgraph alone, over HTTP, with real PostgreSQL and Kafka.
describe('catalog subgraph', () => {
  let stack: TestStack;
  let db: Client;
  let catalog: CatalogCall;
  const seller = newSeller();

  const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { id status skus { id sellerSku price { amountMinor currencyCode fractionDigits } availableQuantity } } }`;
  const productInput = (overrides: Record<string, unknown> = {}, sku: Record<string, unknown> = {}) => ({
    title: 'Canvas tote',
    idempotencyKey: newIdempotencyKey(),
    skus: [{ sellerSku: `TOTE-${randomUUID()}`, price: { amountMinor: '1299', currencyCode: 'USD' }, initialStock: 10, ...sku }],
    ...overrides,
  });
  const counts = async () =>
    (
      await db.query<Record<'p' | 's' | 'l' | 'o', string>>(
        `SELECT (SELECT count(*) FROM products) p, (SELECT count(*) FROM skus) s, (SELECT count(*) FROM inventory_levels) l, (SELECT count(*) FROM outbox) o`,
      )
    ).rows[0];

  beforeAll(async () => {
    stack = await startTestStack('catalog', { subgraphs: ['catalog'] });
    db = await stack.db('catalog');
    catalog = catalogCaller(stack);
    const shop = await catalog<{ registerShop: { id: string; currencyCode: string } }>(
      seller,
      `mutation { registerShop(input: { name: "Tote shop", currencyCode: "USD", timeZone: "Europe/London" }) { id currencyCode } }`,
    );
    expect(shop.data).toEqual({ registerShop: { id: seller.sellerId, currencyCode: 'USD' } });
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('creates a draft product with SKUs, stock, and a product.created event in the outbox', async () => {
    const result = await catalog<CreateResult>(seller, CREATE, { input: productInput() });
    expect(result.errors).toBeUndefined();
    const product = dataOf(result).createProduct;
    expect(product.status).toBe('DRAFT'); // not sellable until reviewed (product-lifecycle.e2e-spec)
    expect(product.skus[0]).toMatchObject({ price: { amountMinor: '1299', currencyCode: 'USD', fractionDigits: 2 }, availableQuantity: 10 });
    const events = await db.query<{ event_type: string; message_key: string }>(`SELECT event_type, message_key FROM outbox WHERE message_key = $1`, [
      product.id,
    ]);
    expect(events.rows).toEqual([{ event_type: 'product.created', message_key: product.id }]);
  });

  it("lists the shop's products newest first with keyset pages", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push(dataOf(await catalog<CreateResult>(seller, CREATE, { input: productInput() })).createProduct.id);
    const page = `query($after: String) { shop { products(first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } }`;
    type Page = ShopProductsView & { shop: { products: { pageInfo: PageInfoView } } };
    const first = dataOf(await catalog<Page>(seller, page));
    expect(first.shop.products.nodes.map((n) => n.id)).toEqual([ids[2], ids[1]]);
    expect(first.shop.products.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await catalog<Page>(seller, page, { after: first.shop.products.pageInfo.endCursor }));
    expect(second.shop.products.nodes[0].id).toBe(ids[0]);
  });

  it('resolves 50 product and 50 SKU references with one SQL statement each', async () => {
    const skuIds: string[] = [];
    const productIds: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const input = productInput({}, {});
      input.skus = Array.from({ length: 5 }, (_, j) => ({
        sellerSku: `REF-${i}-${j}-${randomUUID()}`,
        salesAttributes: [{ name: 'Size', value: `S${j}` }],
        price: { amountMinor: '500', currencyCode: 'USD' },
        initialStock: 1,
      }));
      const product = dataOf(await catalog<CreateResult>(seller, CREATE, { input })).createProduct;
      productIds.push(...Array.from({ length: 5 }, () => product.id));
      skuIds.push(...product.skus.map((s) => s.id));
    }
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id title } ... on Sku { id sellerSku } } }`;
    type ProductOrSku = Entities<{ id: string; title?: string; sellerSku?: string }>;
    const products = await catalog<ProductOrSku>(seller, query, { r: productIds.map((id) => ({ __typename: 'Product', id })) });
    expect(dataOf(products)._entities).toHaveLength(50);
    expect(dataOf(products)._entities.every((p) => p?.title === 'Canvas tote')).toBe(true);
    expect(products.extensions?.sqlStatements).toBe(1);
    const skus = await catalog<ProductOrSku>(seller, query, { r: skuIds.map((id) => ({ __typename: 'Sku', id })) });
    expect(dataOf(skus)._entities.filter(Boolean)).toHaveLength(50);
    expect(skus.extensions?.sqlStatements).toBe(1);
    // What a seller's order list asks of each line's SKU: price, sellable units and stock status, still one statement.
    const withStock = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Sku { id sellerSku price { amountMinor currencyCode } availableQuantity outOfStock outOfStockThreshold } } }`;
    type StockedSku = {
      id: string;
      sellerSku: string;
      price: { amountMinor: string; currencyCode: string };
      availableQuantity: number;
      outOfStock: boolean;
      outOfStockThreshold: number;
    };
    const stocked = await catalog<Entities<StockedSku>>(seller, withStock, { r: skuIds.map((id) => ({ __typename: 'Sku', id })) });
    expect(stocked.errors).toBeUndefined();
    expect(dataOf(stocked)._entities).toEqual(
      skuIds.map((id) =>
        expect.objectContaining({ id, price: { amountMinor: '500', currencyCode: 'USD' }, availableQuantity: 1, outOfStock: false, outOfStockThreshold: 0 }),
      ),
    );
    expect(stocked.extensions?.sqlStatements).toBe(1);
    // The same SKUs through their products: one statement for the products, one for their SKUs with stock.
    const viaProducts = await catalog<Entities<{ id: string; skus: Array<{ id: string; availableQuantity: number; outOfStock: boolean }> }>>(
      seller,
      `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Product { id skus { id availableQuantity outOfStock } } } }`,
      { r: [...new Set(productIds)].map((id) => ({ __typename: 'Product', id })) },
    );
    expect(dataOf(viaProducts)._entities.flatMap((p) => p!.skus)).toEqual(skuIds.map((id) => ({ id, availableQuantity: 1, outOfStock: false })));
    expect(viaProducts.extensions?.sqlStatements).toBe(2);
  });

  it('returns the new out-of-stock threshold even when an earlier mutation of the request loaded the SKU', async () => {
    const product = await createLiveProduct(catalog, seller, { skus: [{ initialStock: 3, salesAttributes: [{ name: 'Colour', value: 'Moss' }] }] });
    const skuId = product.skuIds[0];
    const result = await catalog<{
      updateSkuPrices: { skus: Array<{ id: string; outOfStock: boolean; outOfStockThreshold: number }> };
      setOutOfStockThreshold: { outOfStockThreshold: number; outOfStock: boolean };
    }>(
      seller,
      `mutation($prices: UpdateSkuPricesInput!, $threshold: SetOutOfStockThresholdInput!) {
        updateSkuPrices(input: $prices) { skus { id outOfStock outOfStockThreshold } }
        setOutOfStockThreshold(input: $threshold) { outOfStockThreshold outOfStock } }`,
      {
        prices: { productId: product.productId, prices: [{ skuId, price: { amountMinor: '1500', currencyCode: 'USD' } }], idempotencyKey: newIdempotencyKey() },
        threshold: { skuId, threshold: 5, idempotencyKey: newIdempotencyKey() },
      },
    );
    expect(result.errors).toBeUndefined();
    expect(dataOf(result).updateSkuPrices.skus).toEqual([{ id: skuId, outOfStock: false, outOfStockThreshold: 0 }]);
    expect(dataOf(result).setOutOfStockThreshold).toEqual({ outOfStockThreshold: 5, outOfStock: true });
  });

  it.each([
    ['an empty title', { title: '   ' }, {}],
    ['a NUL character in the title', { title: 'Tote\u0000' }, {}],
    ['a fractional price', {}, { price: { amountMinor: '12.5', currencyCode: 'USD' } }],
    ['a zero price', {}, { price: { amountMinor: '0', currencyCode: 'USD' } }],
    ['a negative price', {}, { price: { amountMinor: '-100', currencyCode: 'USD' } }],
    ['a foreign currency', {}, { price: { amountMinor: '100', currencyCode: 'EUR' } }],
    ['an unknown currency', {}, { price: { amountMinor: '100', currencyCode: 'XYZ' } }],
    ['negative stock', {}, { initialStock: -1 }],
    ['an empty seller SKU', {}, { sellerSku: '' }],
    ['a short idempotency key', { idempotencyKey: 'k' }, {}],
    ['no SKUs', { skus: [] }, {}],
  ])('refuses %s with VALIDATION_FAILED and writes nothing', async (_name, overrides, sku) => {
    const before = await counts();
    const result = await catalog(seller, CREATE, { input: productInput(overrides, sku) });
    expect(errorCodes(result)).toEqual(['VALIDATION_FAILED']);
    expect(await counts()).toEqual(before);
  });

  describe('SKUs of one product must differ in their sales attributes', () => {
    const sku = (...attributes: Array<[string, string]>) => ({
      sellerSku: `VAR-${randomUUID()}`,
      salesAttributes: attributes.map(([name, value]) => ({ name, value })),
      price: { amountMinor: '1299', currencyCode: 'USD' },
    });
    const fieldsOf = (result: GraphQLResult<unknown>) => ((result.errors?.[0]?.extensions?.fields ?? []) as Array<{ field: string }>).map((f) => f.field);

    it.each([
      [
        'a repeated combination, in another order and case',
        [sku(['Colour', 'Black'], ['Size', 'M']), sku(['Colour', 'Black'], ['Size', 'L']), sku(['size', 'm'], ['colour', 'black'])],
        ['skus[2].salesAttributes'],
      ],
      ['two SKUs without sales attributes', [sku(), sku()], ['skus[0].salesAttributes', 'skus[1].salesAttributes']],
      ['a SKU naming other attributes than the first', [sku(['Colour', 'Black']), sku(['Size', 'M'])], ['skus[1].salesAttributes']],
      ['an attribute named twice in one SKU', [sku(['Colour', 'Black'], ['Colour', 'White'])], ['skus[0].salesAttributes[1].name']],
    ])('refuses %s with VALIDATION_FAILED naming the SKU, writing nothing', async (_name, skus, fields) => {
      const before = await counts();
      const result = await catalog(seller, CREATE, { input: productInput({ skus }) });
      expect(errorCodes(result)).toEqual(['VALIDATION_FAILED']);
      expect(fieldsOf(result)).toEqual(fields);
      expect(await counts()).toEqual(before);
    });

    it('creates a product whose SKUs differ, and a single SKU without sales attributes', async () => {
      const variants = await catalog<CreateResult>(seller, CREATE, {
        input: productInput({ skus: [sku(['Colour', 'Black'], ['Size', 'M']), sku(['Colour', 'Black'], ['Size', 'L'])] }),
      });
      expect(variants.errors).toBeUndefined();
      expect(dataOf(variants).createProduct.skus).toHaveLength(2);
      expect((await catalog(seller, CREATE, { input: productInput({ skus: [sku()] }) })).errors).toBeUndefined();
    });
  });

  describe('registerShop refuses bad input with a typed error and writes nothing', () => {
    const REGISTER = `mutation($input: RegisterShopInput!) { registerShop(input: $input) { id } }`;
    const shopRows = async () =>
      (
        await db.query<Record<'s' | 'w' | 'o', string>>(
          `SELECT (SELECT count(*) FROM shops) s, (SELECT count(*) FROM warehouses) w, (SELECT count(*) FROM outbox) o`,
        )
      ).rows[0];
    const valid = { name: 'Pottery corner', currencyCode: 'USD', timeZone: 'Europe/Paris' };

    it.each([
      ['an empty name', { name: '  ' }],
      ['a NUL in the name', { name: 'Pot\u0000tery' }],
      ['a name over 120 characters', { name: 'x'.repeat(121) }],
      ['a lower-case currency', { currencyCode: 'usd' }],
      ['an unknown currency', { currencyCode: 'XYZ' }],
      ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }],
      ['an empty time zone', { timeZone: '' }],
    ])('%s', async (_name, override) => {
      const before = await shopRows();
      expect(errorCodes(await catalog(newSeller(), REGISTER, { input: { ...valid, ...override } }))).toEqual(['VALIDATION_FAILED']);
      expect(await shopRows()).toEqual(before);
    });

    it('refuses another currency for a registered shop (CONFLICT) and lets buyers register nothing', async () => {
      const before = await shopRows();
      const again = await catalog(seller, REGISTER, { input: { ...valid, currencyCode: 'EUR' } });
      expect(errorCodes(again)).toEqual(['CONFLICT']);
      expect(errorCodes(await catalog(newBuyer(), REGISTER, { input: valid }))).toEqual(['FORBIDDEN']);
      expect(await shopRows()).toEqual(before);
    });
  });

  it('refuses a seller SKU code already used in the shop, writing nothing', async () => {
    const sellerSku = `DUP-${randomUUID()}`;
    await catalog(seller, CREATE, { input: productInput({}, { sellerSku }) });
    const before = await counts();
    const again = await catalog(seller, CREATE, { input: productInput({}, { sellerSku }) });
    expect(errorCodes(again)).toEqual(['VALIDATION_FAILED']);
    expect(await counts()).toEqual(before);
  });

  it('refuses products for a shop that is not registered, and buyers creating products', async () => {
    expect(errorCodes(await catalog(newSeller(), CREATE, { input: productInput() }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await catalog(newBuyer(), CREATE, { input: productInput() }))).toEqual(['FORBIDDEN']);
  });

  it('refuses requests without the gateway credentials', async () => {
    const response = await fetch(subgraphUrlOf(stack.settings, 'catalog'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ shop { id } }' }),
    });
    expect(response.status).toBe(401);
    // The raw response body: this request bypasses callSubgraph on purpose, so there is no GraphQLResult.
    const body = (await response.json()) as { errors: Array<{ extensions: { code: unknown } }> };
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('reserves stock once when the same order.placed is delivered twice', async () => {
    const product = dataOf(await catalog<CreateResult>(seller, CREATE, { input: productInput({}, { initialStock: 7 }) })).createProduct;
    const skuId = product.skus[0].id;
    const orderId = `ord_${Date.now().toString(36).padStart(9, '0')}0123456789abcdef`;
    const placed: EventEnvelope<OrderPlacedV1> = testEvent<OrderPlacedV1>({
      type: 'order.placed',
      source: 'orders',
      sellerId: seller.sellerId!,
      aggregateType: 'Order',
      aggregateId: orderId,
      actor: { type: 'BUYER', id: 'byr_test' },
      payload: {
        orderId,
        buyerId: 'byr_test',
        total: { amountMinor: '3897', currencyCode: 'USD' },
        lines: [
          { orderLineId: 'oln_a', skuId, productId: product.id, quantity: 2, unitPrice: { amountMinor: '1299', currencyCode: 'USD' } },
          { orderLineId: 'oln_b', skuId, productId: product.id, quantity: 1, unitPrice: { amountMinor: '1299', currencyCode: 'USD' } },
        ],
      },
    });
    await publishRaw(stack.settings, 'orders.order.v1', [placed, placed]);
    const outcome = await eventually(
      async () => (await db.query<{ event_type: string }>(`SELECT event_type FROM outbox WHERE message_key = $1`, [orderId])).rows,
      (rows) => rows.length > 0,
    );
    expect(outcome).toEqual([{ event_type: 'inventory.reserved' }]);
    // A later event with the same key (same partition, so consumed after the duplicate) proves the
    // duplicate was consumed and skipped before we look at stock.
    const marker = { ...placed, id: randomUUID(), payload: { ...placed.payload, orderId: `${orderId.slice(0, -1)}e`, lines: [placed.payload.lines[1]] } };
    await publishRaw(stack.settings, 'orders.order.v1', [marker]);
    await eventually(
      async () => (await db.query(`SELECT 1 FROM inbox WHERE event_id = $1`, [marker.id])).rowCount,
      (n) => n === 1,
    );
    const level = await db.query<{ on_hand: number; reserved: number }>(`SELECT on_hand, reserved FROM inventory_levels WHERE sku_id = $1`, [skuId]);
    expect(level.rows[0]).toEqual({ on_hand: 7, reserved: 4 });
    const inbox = await db.query<CountRow>(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [placed.id]);
    expect(inbox.rows[0].n).toBe(1);
  });

  it('parks events that break their contract on the dead-letter topic and keeps consuming', async () => {
    const broken = testEvent({
      type: 'order.placed',
      source: 'orders',
      sellerId: seller.sellerId!,
      aggregateType: 'Order',
      aggregateId: 'ord_broken',
      actor: { type: 'BUYER' as const, id: 'byr_test' },
      payload: { orderId: 'ord_broken', lines: [{ skuId: 'sku_x', quantity: -1 }] },
    });
    await publishRaw(stack.settings, 'orders.order.v1', [broken as EventEnvelope, { not: 'an envelope' } as unknown as EventEnvelope]);
    const parked = await readDeadLetters(stack.settings, 'orders.order.v1', 2);
    expect(parked).toHaveLength(2);
    expect(parked.map((m) => m.headers['dlq-consumer'])).toEqual(['catalog', 'catalog']);
    expect(JSON.parse(parked.find((m) => m.value?.includes('ord_broken'))!.value!).id).toBe(broken.id);
    const applied = await db.query<CountRow>('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [broken.id]);
    expect(applied.rows[0].n).toBe(0);
  });

  it('counts a SKU created without stock as out of stock from the start, once', async () => {
    const outOfStock = async (who: Identity) =>
      dataOf(await catalog<OutOfStockListView>(who, `{ shop { outOfStockSkuCount outOfStockSkus(first: 100) { nodes { skuId } } } }`)).shop;
    const before = await outOfStock(seller);
    // Live, since the list holds only SKUs of products the seller can have on sale.
    const product = await createLiveProduct(catalog, seller, { skus: [{ initialStock: 0 }] });
    const after = await outOfStock(seller);
    expect(after.outOfStockSkuCount).toBe(before.outOfStockSkuCount + 1);
    expect(after.outOfStockSkus.nodes.map((n) => n.skuId)).toContain(product.skuIds[0]);
    const events = await db.query<CountRow>(`SELECT count(*)::int AS n FROM outbox WHERE event_type = 'sku.out_of_stock' AND message_key = $1`, [
      product.skuIds[0],
    ]);
    expect(events.rows[0].n).toBe(1);
  });
});
