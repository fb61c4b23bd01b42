import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Identity } from '@sc/auth';
import {
  PASSING_LISTING,
  TEST_PLATFORM,
  TestStack,
  callGateway,
  callSubgraph,
  createLiveProduct,
  errorCodes,
  eventually,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  publishRaw,
  startTestStack,
  waitForSellable,
  testEvent,
} from '@sc/testing';
import { ProductCreatedV1, ProductStatusChangedV1 } from '@sc/events';
import { createDataSource } from '@sc/db';
import { databaseUrlOf, subgraphUrlOf } from '@sc/stack';
import { ProductBucket } from '../src/product/product-bucket';
import { ProductStatus } from '../src/product/product-status';
import { ProductListFilter, ProductRepository } from '../src/product/product.repository';
import { entities } from '../src/database/entities';

// The product lifecycle through the gateway (catalog + orders, real PostgreSQL and Kafka): review loop,
// live revisions, bulk actions, buckets, sellability in orders, and bad input for every mutation.
describe('product lifecycle', () => {
  let stack: TestStack;
  let db: Client;
  let ordersDb: Client;
  const seller = newSeller();
  const buyer = newBuyer();

  const gql = (identity: Identity, query: string, variables?: unknown) =>
    callGateway<any>(stack.gatewayUrl, stack.settings.authJwtSecret, identity, query, variables);
  const catalog = (identity: Identity, query: string, variables?: unknown) =>
    callSubgraph<any>(subgraphUrlOf(stack.settings, 'catalog'), stack.settings.internalSigningSecret, identity, query, variables);

  const PRODUCT_FIELDS = 'id status title hasPendingRevision failedReasons { position reasons suggestions } statusReason';
  const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} skus { id } } }`;
  const EDIT = `mutation($input: EditProductInput!) { editProduct(input: $input) { ${PRODUCT_FIELDS} latestRevision { revisionNo reviewStatus changedFields title } } }`;
  const SUBMIT = `mutation($input: ProductCommandInput!) { submitProductForReview(input: $input) { ${PRODUCT_FIELDS} } }`;
  const APPROVE = `mutation($input: ProductCommandInput!) { approveProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
  const REJECT = `mutation($input: RejectProductInput!) { rejectProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
  const PLATFORM_DEACTIVATE = `mutation($input: PlatformProductActionInput!) { platformDeactivateProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
  const FREEZE = `mutation($input: PlatformProductActionInput!) { freezeProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
  const PRICES = `mutation($input: UpdateSkuPricesInput!) { updateSkuPrices(input: $input) { id skus { id price { amountMinor } listPrice { amountMinor } } } }`;
  const bulk = (name: string) => `mutation($input: BulkProductsInput!) { ${name}(input: $input) { productId ok error { code message } } }`;
  const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`;
  const ADJUST = `mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { available } }`;
  const THRESHOLD = `mutation($input: SetOutOfStockThresholdInput!) { setOutOfStockThreshold(input: $input) { outOfStock } }`;

  const key = newIdempotencyKey;
  const draftInput = (title = 'Short tote', extra: Record<string, unknown> = {}) => ({
    title,
    idempotencyKey: key(),
    skus: [{ sellerSku: `T-${randomUUID()}`, price: { amountMinor: '1299', currencyCode: 'USD' }, initialStock: 5 }],
    ...extra,
  });
  const createDraft = async (owner: Identity = seller, title?: string) => {
    const created = await catalog(owner, CREATE, { input: draftInput(title) });
    expect(created.errors).toBeUndefined();
    return created.data.createProduct as { id: string; skus: Array<{ id: string }> };
  };
  const live = (owner: Identity = seller, title?: string) => createLiveProduct(catalog, owner, { title });
  const statusOf = async (id: string) => (await db.query('SELECT status FROM products WHERE id = $1', [id])).rows[0].status;
  const counts = async () =>
    (
      await db.query(`SELECT (SELECT count(*) FROM products) p, (SELECT count(*) FROM skus) s, (SELECT count(*) FROM product_revisions) r,
        (SELECT coalesce(sum(version), 0) FROM products) v, (SELECT count(*) FROM outbox) o, (SELECT count(*) FROM idempotency_keys) k`)
    ).rows[0];
  const ordersCounts = async () => (await ordersDb.query(`SELECT (SELECT count(*) FROM orders) o, (SELECT count(*) FROM outbox) x`)).rows[0];
  const placeOrder = (skuId: string) => gql(buyer, PLACE, { input: { shopId: seller.sellerId, lines: [{ skuId, quantity: 1 }], idempotencyKey: key() } });

  beforeAll(async () => {
    stack = await startTestStack('lifecycle', { subgraphs: ['catalog', 'orders'], gateway: true });
    db = await stack.db('catalog');
    ordersDb = await stack.db('orders');
    const shop = await catalog(seller, `mutation { registerShop(input: { name: "Lifecycle shop", currencyCode: "USD", timeZone: "UTC" }) { id } }`);
    expect(shop.errors).toBeUndefined();
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('runs the review loop through the gateway: reject with reasons → fix → resubmit → approve', async () => {
    const dryRun = await gql(seller, `query($input: ListingCheckInput!) { checkListing(input: $input) { passed problems { field code } } }`, {
      input: { title: 'TOTE SALE', images: [] },
    });
    expect(dryRun.data.checkListing.passed).toBe(false);
    expect(dryRun.data.checkListing.problems.map((p: any) => p.code).sort()).toEqual([
      'CATEGORY_REQUIRED',
      'NO_IMAGES',
      'TITLE_ALL_CAPS',
      'TITLE_LENGTH',
      'TITLE_PROMOTIONAL',
    ]);

    const before = await counts();
    const refused = await gql(seller, CREATE, { input: draftInput('Short tote', { saveMode: 'LISTING' }) });
    expect(errorCodes(refused)).toEqual(['VALIDATION_FAILED']);
    expect(await counts()).toEqual(before);

    const draft = (await gql(seller, CREATE, { input: draftInput() })).data.createProduct;
    expect(draft.status).toBe('DRAFT');
    const beforeSubmit = await counts();
    expect(errorCodes(await gql(seller, SUBMIT, { input: { productId: draft.id, idempotencyKey: key() } }))).toEqual(['VALIDATION_FAILED']);
    expect(await counts()).toEqual(beforeSubmit);

    const fixed = await gql(seller, EDIT, {
      input: { productId: draft.id, title: 'Heavy canvas tote bag with inner pocket', ...PASSING_LISTING, idempotencyKey: key() },
    });
    expect(fixed.data.editProduct).toMatchObject({ status: 'DRAFT', title: 'Heavy canvas tote bag with inner pocket', hasPendingRevision: false });
    expect((await gql(seller, SUBMIT, { input: { productId: draft.id, idempotencyKey: key() } })).data.submitProductForReview.status).toBe('PENDING');
    expect(
      errorCodes(await gql(seller, EDIT, { input: { productId: draft.id, title: 'Edited while in review, not allowed', idempotencyKey: key() } })),
    ).toEqual(['INVALID_TRANSITION']);

    const reasons = [{ position: 'images[0]', reasons: ['Image is blurry'], suggestions: ['Upload a sharp photo on white'] }];
    const rejected = await gql(TEST_PLATFORM, REJECT, { input: { productId: draft.id, reasons, idempotencyKey: key() } });
    expect(rejected.data.rejectProduct).toMatchObject({ status: 'FAILED', failedReasons: reasons });
    expect(errorCodes(await gql(TEST_PLATFORM, APPROVE, { input: { productId: draft.id, idempotencyKey: key() } }))).toEqual(['INVALID_TRANSITION']);

    await gql(seller, EDIT, { input: { productId: draft.id, images: ['https://images.example/tote-sharp.jpg'], idempotencyKey: key() } });
    expect((await gql(seller, SUBMIT, { input: { productId: draft.id, idempotencyKey: key() } })).data.submitProductForReview.status).toBe('PENDING');
    const approved = await gql(TEST_PLATFORM, APPROVE, { input: { productId: draft.id, idempotencyKey: key() } });
    expect(approved.data.approveProduct).toMatchObject({ status: 'ACTIVATE', failedReasons: [] });

    const events = await db.query(`SELECT envelope->'payload' AS p FROM outbox WHERE message_key = $1 AND event_type = 'product.status_changed' ORDER BY seq`, [
      draft.id,
    ]);
    expect(events.rows.map(({ p }) => [p.from, p.to, p.sellable])).toEqual([
      ['DRAFT', 'PENDING', false],
      ['PENDING', 'FAILED', false],
      ['FAILED', 'PENDING', false],
      ['PENDING', 'ACTIVATE', true],
    ]);
  });

  it('keeps a live product selling while its content edit is reviewed, and prices skip review', async () => {
    const product = await live(seller, 'Linen shirt with mother-of-pearl buttons');
    await waitForSellable(ordersDb, product.skuIds);
    const edited = await gql(seller, EDIT, {
      input: { productId: product.productId, title: 'Linen shirt with horn buttons, relaxed fit', idempotencyKey: key() },
    });
    expect(edited.data.editProduct).toMatchObject({
      status: 'ACTIVATE',
      title: 'Linen shirt with mother-of-pearl buttons',
      hasPendingRevision: true,
      latestRevision: { revisionNo: 1, reviewStatus: 'PENDING', changedFields: ['title'], title: 'Linen shirt with horn buttons, relaxed fit' },
    });
    const placed = await placeOrder(product.skuIds[0]);
    expect(placed.errors).toBeUndefined();

    const prices = await gql(seller, PRICES, {
      input: {
        productId: product.productId,
        prices: [{ skuId: product.skuIds[0], price: { amountMinor: '1999', currencyCode: 'USD' }, listPrice: { amountMinor: '2999', currencyCode: 'USD' } }],
        idempotencyKey: key(),
      },
    });
    expect(prices.data.updateSkuPrices.skus[0]).toMatchObject({ price: { amountMinor: '1999' }, listPrice: { amountMinor: '2999' } });
    expect(await statusOf(product.productId)).toBe('ACTIVATE');
    await eventually(
      async () => (await ordersDb.query('SELECT price_minor FROM sku_prices WHERE sku_id = $1', [product.skuIds[0]])).rows[0].price_minor,
      (p) => p === '1999',
    );

    const approved = await gql(TEST_PLATFORM, APPROVE, { input: { productId: product.productId, idempotencyKey: key() } });
    expect(approved.data.approveProduct).toMatchObject({ status: 'ACTIVATE', title: 'Linen shirt with horn buttons, relaxed fit', hasPendingRevision: false });

    await gql(seller, EDIT, { input: { productId: product.productId, title: 'Linen shirt that review will turn down', idempotencyKey: key() } });
    const reasons = [{ position: 'title', reasons: ['Vague'], suggestions: [] }];
    const rejected = await gql(TEST_PLATFORM, REJECT, { input: { productId: product.productId, reasons, idempotencyKey: key() } });
    expect(rejected.data.rejectProduct).toMatchObject({ status: 'ACTIVATE', title: 'Linen shirt with horn buttons, relaxed fit', hasPendingRevision: false });
  });

  it('refuses orders for a product after it is deactivated (PRODUCT_NOT_AVAILABLE), writing nothing in orders', async () => {
    const product = await live(seller, 'Waxed cotton rain jacket, olive');
    await waitForSellable(ordersDb, product.skuIds);
    const result = await gql(seller, bulk('deactivateProducts'), { input: { productIds: [product.productId], idempotencyKey: key() } });
    expect(result.data.deactivateProducts).toEqual([{ productId: product.productId, ok: true, error: null }]);
    await waitForSellable(ordersDb, product.skuIds, false);
    const before = await ordersCounts();
    expect(errorCodes(await placeOrder(product.skuIds[0]))).toEqual(['PRODUCT_NOT_AVAILABLE']);
    expect(await ordersCounts()).toEqual(before);
    await gql(seller, bulk('activateProducts'), { input: { productIds: [product.productId], idempotencyKey: key() } });
    await waitForSellable(ordersDb, product.skuIds);
    expect((await placeOrder(product.skuIds[0])).errors).toBeUndefined();
  });

  it("settles orders' sellability on the newest product version whatever order events arrive in", async () => {
    const productId = `prd_${Date.now().toString(36).padStart(9, '0')}${'c'.repeat(16)}`;
    const skuId = `sku_${Date.now().toString(36).padStart(9, '0')}${'d'.repeat(16)}`;
    const base = {
      source: 'catalog',
      sellerId: seller.sellerId!,
      aggregateType: 'Product',
      aggregateId: productId,
      actor: { type: 'SYSTEM' as const, id: null },
    };
    const statusChanged = (version: number, from: string, to: string) =>
      testEvent<ProductStatusChangedV1>({
        ...base,
        type: 'product.status_changed',
        aggregateVersion: version,
        payload: { productId, from: from as any, to: to as any, sellable: to === 'ACTIVATE', reason: null },
      });
    const created = testEvent<ProductCreatedV1>({
      ...base,
      type: 'product.created',
      aggregateVersion: 1,
      payload: {
        productId,
        title: 'Out of order',
        status: 'PENDING',
        skus: [{ skuId, sellerSku: 'OOO-1', price: { amountMinor: '100', currencyCode: 'USD' } }],
      },
    });
    const deactivated = statusChanged(3, 'ACTIVATE', 'SELLER_DEACTIVATED');
    // Newest first, then the creation, then a stale approval, then a redelivery of the newest.
    const stale = statusChanged(2, 'PENDING', 'ACTIVATE');
    await publishRaw(stack.settings, 'catalog.product.v1', [deactivated, created, stale, deactivated]);
    const ids = [deactivated.id, created.id, stale.id];
    await eventually(
      async () => (await ordersDb.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [ids])).rows[0].n,
      (n) => n === 3,
    );
    const row = (
      await ordersDb.query(
        'SELECT p.sellable, s.status, s.status_version FROM sku_prices p JOIN product_sellability s USING (product_id) WHERE p.sku_id = $1',
        [skuId],
      )
    ).rows[0];
    expect(row).toEqual({ sellable: false, status: 'SELLER_DEACTIVATED', status_version: 3 });
  });

  it('deletes and recovers products', async () => {
    const product = await live(seller);
    const deleted = await gql(seller, bulk('deleteProducts'), { input: { productIds: [product.productId], idempotencyKey: key() } });
    expect(deleted.data.deleteProducts[0].ok).toBe(true);
    expect(await statusOf(product.productId)).toBe('DELETED');
    expect(
      errorCodes(await gql(seller, EDIT, { input: { productId: product.productId, title: 'Editing a deleted product is refused', idempotencyKey: key() } })),
    ).toEqual(['INVALID_TRANSITION']);
    const recovered = await gql(seller, bulk('recoverProducts'), { input: { productIds: [product.productId], idempotencyKey: key() } });
    expect(recovered.data.recoverProducts[0].ok).toBe(true);
    expect(await statusOf(product.productId)).toBe('SELLER_DEACTIVATED');
  });

  it('answers bulk actions per product, and replays them for the same key', async () => {
    const active = await live(seller);
    const draft = await createDraft();
    const others = await createDraft(await registeredSeller());
    const unknown = `prd_${'0'.repeat(9)}${'a'.repeat(16)}`;
    const input = { productIds: [active.productId, draft.id, unknown, others.id], idempotencyKey: key() };
    const result = (await gql(seller, bulk('deactivateProducts'), { input })).data.deactivateProducts;
    expect(result.map((r: any) => [r.productId, r.ok, r.error?.code ?? null])).toEqual([
      [active.productId, true, null],
      [draft.id, false, 'INVALID_TRANSITION'],
      [unknown, false, 'NOT_FOUND'],
      [others.id, false, 'NOT_FOUND'],
    ]);
    const versions = await counts();
    const replay = (await gql(seller, bulk('deactivateProducts'), { input })).data.deactivateProducts;
    expect(replay.map((r: any) => r.ok)).toEqual([true, false, false, false]);
    expect((await counts()).v).toEqual(versions.v);
  });

  it('keeps platform actions for the platform: sellers get FORBIDDEN; a frozen product takes no seller action', async () => {
    const product = await live(seller);
    const before = await counts();
    for (const [query, input] of [
      [APPROVE, { productId: product.productId, idempotencyKey: key() }],
      [REJECT, { productId: product.productId, reasons: [{ position: 'title', reasons: ['x'], suggestions: [] }], idempotencyKey: key() }],
      [PLATFORM_DEACTIVATE, { productId: product.productId, reason: 'Counterfeit', idempotencyKey: key() }],
      [FREEZE, { productId: product.productId, reason: 'Counterfeit', idempotencyKey: key() }],
    ] as const) {
      expect(errorCodes(await gql(seller, query, { input }))).toEqual(['FORBIDDEN']);
    }
    expect(await counts()).toEqual(before);

    const deactivated = await gql(TEST_PLATFORM, PLATFORM_DEACTIVATE, {
      input: { productId: product.productId, reason: 'Misleading claims', idempotencyKey: key() },
    });
    expect(deactivated.data.platformDeactivateProduct).toMatchObject({ status: 'PLATFORM_DEACTIVATED', statusReason: 'Misleading claims' });
    const frozen = await gql(TEST_PLATFORM, FREEZE, { input: { productId: product.productId, reason: 'Counterfeit goods', idempotencyKey: key() } });
    expect(frozen.data.freezeProduct.status).toBe('FREEZE');
    const ids = { productIds: [product.productId] };
    for (const name of ['activateProducts', 'deactivateProducts', 'deleteProducts', 'recoverProducts']) {
      expect((await gql(seller, bulk(name), { input: { ...ids, idempotencyKey: key() } })).data[name][0].error.code).toBe('INVALID_TRANSITION');
    }
    expect(errorCodes(await gql(seller, SUBMIT, { input: { productId: product.productId, idempotencyKey: key() } }))).toEqual(['INVALID_TRANSITION']);
  });

  async function registeredSeller(): Promise<Identity> {
    const other = newSeller();
    await catalog(other, `mutation { registerShop(input: { name: "Other shop", currencyCode: "USD", timeZone: "UTC" }) { id } }`);
    return other;
  }

  it('counts and lists products per bucket, with filters', async () => {
    const shop = await registeredSeller();
    const [activeA, activeB, inactive, failed, deleted] = [await live(shop), await live(shop), await live(shop), await live(shop), await live(shop)];
    const drafts = [await createDraft(shop, 'Marble coaster'), await createDraft(shop, 'Marble tray')];
    const pending = await createLiveProductPending(shop);
    await gql(shop, bulk('deactivateProducts'), { input: { productIds: [inactive.productId], idempotencyKey: key() } });
    await gql(shop, bulk('deleteProducts'), { input: { productIds: [deleted.productId], idempotencyKey: key() } });
    await gql(TEST_PLATFORM, PLATFORM_DEACTIVATE, { input: { productId: failed.productId, reason: 'Policy', idempotencyKey: key() } });
    await gql(shop, EDIT, { input: { productId: activeB.productId, description: 'Now with a longer description', idempotencyKey: key() } });

    const result = await gql(shop, `{ shop { productBucketCounts { active inReview suspended inactive drafts deleted } } }`);
    expect(result.data.shop.productBucketCounts).toEqual({ active: 2, inReview: 2, suspended: 1, inactive: 1, drafts: 2, deleted: 1 });

    const list = async (filter: Record<string, unknown>) =>
      (
        await gql(shop, `query($filter: ProductFilter) { shop { products(first: 50, filter: $filter) { nodes { id } } } }`, { filter })
      ).data.shop.products.nodes.map((n: any) => n.id);
    expect(await list({ bucket: 'ACTIVE' })).toEqual([activeB.productId, activeA.productId]);
    expect(await list({ bucket: 'IN_REVIEW' })).toEqual([pending, activeB.productId]);
    expect(await list({ bucket: 'SUSPENDED' })).toEqual([failed.productId]);
    expect(await list({ bucket: 'INACTIVE' })).toEqual([inactive.productId]);
    expect(await list({ bucket: 'DRAFTS' })).toEqual([drafts[1].id, drafts[0].id]);
    expect(await list({ bucket: 'DELETED' })).toEqual([deleted.productId]);
    expect(await list({ keyword: 'marble c' })).toEqual([drafts[0].id]);
    expect(await list({ bucket: 'DRAFTS', keyword: 'MARBLE' })).toEqual([drafts[1].id, drafts[0].id]);
    expect(await list({ createdFrom: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    const warehouse = (await db.query('SELECT id FROM warehouses WHERE seller_id = $1', [shop.sellerId])).rows[0].id;
    expect(await list({ warehouseId: warehouse })).toHaveLength(8);
    const emptied = await gql(shop, ADJUST, { input: { skuId: activeA.skuIds[0], warehouseId: warehouse, delta: -10, reason: 'LOST', idempotencyKey: key() } });
    expect(emptied.data.adjustInventory.available).toBe(0);
    expect(await list({ outOfStock: true })).toEqual([activeA.productId]);
    expect(await list({ outOfStock: false })).not.toContain(activeA.productId);
    expect((await gql(shop, `{ shop { productBucketCounts { outOfStock } } }`)).data.shop.productBucketCounts.outOfStock).toBe(1);
    expect(errorCodes(await gql(shop, `{ shop { products(filter: { keyword: "a\\u0000" }) { nodes { id } } } }`))).toEqual(['VALIDATION_FAILED']);
  });

  it('agrees on out of stock everywhere: the filter, Sku.outOfStock, every bucket and the counts', async () => {
    const shop = await registeredSeller();
    const warehouse = (await db.query('SELECT id FROM warehouses WHERE seller_id = $1', [shop.sellerId])).rows[0].id;
    // Two SKUs, one pushed out of stock by its threshold (3 available, threshold 3): the product is out of stock.
    const mixed = await createLiveProduct(catalog, shop, {
      title: 'Two-colour mug',
      skus: [
        { initialStock: 3, salesAttributes: [{ name: 'Colour', value: 'Sand' }] },
        { initialStock: 8, salesAttributes: [{ name: 'Colour', value: 'Ink' }] },
      ],
    });
    expect(
      (await gql(shop, THRESHOLD, { input: { skuId: mixed.skuIds[0], threshold: 3, idempotencyKey: key() } })).data.setOutOfStockThreshold.outOfStock,
    ).toBe(true);
    const stocked = await live(shop, 'Stoneware bowl');
    const emptyDraft = (
      await catalog(shop, CREATE, {
        input: {
          ...draftInput('Empty draft'),
          skus: [{ sellerSku: `E-${randomUUID()}`, price: { amountMinor: '900', currencyCode: 'USD' }, initialStock: 0 }],
        },
      })
    ).data.createProduct;
    const soldOut = await live(shop, 'Sold-out jug');
    await gql(shop, ADJUST, { input: { skuId: soldOut.skuIds[0], warehouseId: warehouse, delta: -10, reason: 'LOST', idempotencyKey: key() } });
    const deletedEmpty = await live(shop, 'Deleted empty vase');
    await gql(shop, ADJUST, { input: { skuId: deletedEmpty.skuIds[0], warehouseId: warehouse, delta: -10, reason: 'LOST', idempotencyKey: key() } });
    expect(
      (await gql(shop, bulk('deleteProducts'), { input: { productIds: [deletedEmpty.productId], idempotencyKey: key() } })).data.deleteProducts[0].ok,
    ).toBe(true);
    await gql(shop, bulk('deactivateProducts'), { input: { productIds: [soldOut.productId], idempotencyKey: key() } });

    const list = async (filter: Record<string, unknown>) =>
      (await gql(shop, `query($filter: ProductFilter) { shop { products(first: 50, filter: $filter) { nodes { id skus { id outOfStock } } } } }`, { filter }))
        .data.shop.products.nodes as Array<{
        id: string;
        skus: Array<{ id: string; outOfStock: boolean }>;
      }>;
    const ids = (nodes: Array<{ id: string }>) => nodes.map((n) => n.id);

    const out = await list({ outOfStock: true });
    const inStock = await list({ outOfStock: false });
    expect(ids(out)).toEqual([deletedEmpty.productId, soldOut.productId, emptyDraft.id, mixed.productId]);
    expect(ids(inStock)).toEqual([stocked.productId]);
    // A product is out of stock exactly when one of its SKUs says so.
    expect(out.every((p) => p.skus.some((sku) => sku.outOfStock))).toBe(true);
    expect(inStock.every((p) => p.skus.every((sku) => !sku.outOfStock))).toBe(true);
    expect(out.find((p) => p.id === mixed.productId)!.skus.map((sku) => sku.outOfStock)).toEqual([true, false]);

    // Shop.outOfStockSkus lists exactly the SKUs that say so, of the products the seller can have on sale
    // (live or seller-deactivated): not the empty draft's, not the deleted product's.
    const oosSkus = (await gql(shop, `{ shop { outOfStockSkuCount outOfStockSkus(first: 100) { nodes { skuId } } } }`)).data.shop;
    const actionable = [soldOut.productId, mixed.productId];
    const flagged = out.filter((p) => actionable.includes(p.id)).flatMap((p) => p.skus.filter((sku) => sku.outOfStock).map((sku) => sku.id));
    expect(flagged).toHaveLength(2);
    expect(oosSkus.outOfStockSkus.nodes.map((n: any) => n.skuId).sort()).toEqual(flagged.sort());
    expect(oosSkus.outOfStockSkuCount).toBe(flagged.length);

    // Every bucket splits into its out-of-stock and in-stock products, and the counts say the same.
    const counts = (await gql(shop, `{ shop { productBucketCounts { active inReview suspended inactive drafts deleted outOfStock } } }`)).data.shop
      .productBucketCounts;
    const countOf: Record<string, number> = {
      ACTIVE: counts.active,
      IN_REVIEW: counts.inReview,
      SUSPENDED: counts.suspended,
      INACTIVE: counts.inactive,
      DRAFTS: counts.drafts,
      DELETED: counts.deleted,
    };
    for (const bucket of Object.keys(countOf)) {
      const [all, oos, ok] = [ids(await list({ bucket })), ids(await list({ bucket, outOfStock: true })), ids(await list({ bucket, outOfStock: false }))];
      expect({ bucket, split: [...oos, ...ok].sort(), count: all.length }).toEqual({ bucket, split: [...all].sort(), count: countOf[bucket] });
      expect(oos.filter((id) => ok.includes(id))).toEqual([]);
    }
    expect(counts.outOfStock).toBe(ids(out).length - ids(await list({ bucket: 'DELETED', outOfStock: true })).length);
    expect(counts.outOfStock).toBe(3);

    // Back in stock: the flag, the filter and the count follow together.
    await gql(shop, ADJUST, { input: { skuId: soldOut.skuIds[0], warehouseId: warehouse, delta: 4, reason: 'RECEIVED', idempotencyKey: key() } });
    expect(ids(await list({ outOfStock: true }))).not.toContain(soldOut.productId);
    expect((await gql(shop, `{ shop { productBucketCounts { outOfStock } } }`)).data.shop.productBucketCounts.outOfStock).toBe(2);
  });

  async function createLiveProductPending(owner: Identity): Promise<string> {
    const created = await catalog(owner, CREATE, { input: { ...draftInput('Marble serving board, large size'), ...PASSING_LISTING, saveMode: 'LISTING' } });
    expect(created.data.createProduct.status).toBe('PENDING');
    return created.data.createProduct.id;
  }

  it('lists a 100,000-product shop from an index: no sort of the shop, no sequential scan (plan, not timing)', async () => {
    const big = await registeredSeller();
    // Product i was created i seconds before the insert: this range holds products 20,000 to 60,000.
    const insertedAt = Date.now();
    const range = { createdFrom: new Date(insertedAt - 60_000_000), createdTo: new Date(insertedAt - 20_000_000) };
    const warehouseId = (await db.query('SELECT id FROM warehouses WHERE seller_id = $1', [big.sellerId])).rows[0].id;
    await db.query(
      `INSERT INTO products (id, seller_id, title, status, has_pending_revision, created_at)
       SELECT 'prd_' || lpad(to_hex(i), 9, '0') || substr(md5(i::text), 1, 16), $1, 'Bulk product ' || i,
              (ARRAY['DRAFT','PENDING','FAILED','ACTIVATE','ACTIVATE','ACTIVATE','SELLER_DEACTIVATED','PLATFORM_DEACTIVATED','FREEZE','DELETED'])[1 + i % 10],
              i % 97 = 0, now() - i * interval '1 second'
         FROM generate_series(1, 100000) AS i`,
      [big.sellerId],
    );
    // One SKU per product, one in twenty out of stock, so the stock filters have real rows to walk.
    await db.query(
      `INSERT INTO skus (id, seller_id, product_id, seller_sku, price_minor, currency_code, position)
       SELECT 'sku_' || substr(p.id, 5), p.seller_id, p.id, 'BULK-' || p.id, 100, 'USD', 0 FROM products p WHERE p.seller_id = $1`,
      [big.sellerId],
    );
    await db.query(
      `INSERT INTO inventory_levels (seller_id, sku_id, warehouse_id, on_hand)
       SELECT s.seller_id, s.id, $2, CASE WHEN abs(hashtext(s.id)) % 20 = 0 THEN 0 ELSE 5 END FROM skus s WHERE s.seller_id = $1`,
      [big.sellerId, warehouseId],
    );
    await db.query(
      `INSERT INTO sku_stock_status (sku_id, seller_id, product_id, out_of_stock, available)
       SELECT s.id, s.seller_id, s.product_id, l.on_hand = 0, l.on_hand FROM skus s JOIN inventory_levels l ON l.sku_id = s.id WHERE s.seller_id = $1`,
      [big.sellerId],
    );
    await db.query('ANALYZE products; ANALYZE skus; ANALYZE inventory_levels; ANALYZE sku_stock_status');

    // The statements the product list really sends, built by the repository itself.
    const dataSource = createDataSource({ url: databaseUrlOf(stack.settings, 'catalog'), entities, migrations: [], applicationName: 'catalog-plan-test' });
    await dataSource.initialize();
    try {
      const repository = new ProductRepository(dataSource);
      const after = `prd_${'0'.repeat(4)}0c350${'f'.repeat(16)}`;
      const filters: Array<[string, ProductListFilter]> = [
        ['no filter', {}],
        ['status', { status: ProductStatus.ACTIVATE }],
        ...Object.values(ProductBucket).map((bucket): [string, ProductListFilter] => [bucket, { bucket }]),
        ['out of stock', { outOfStock: true }],
        ['in stock', { outOfStock: false }],
        ...Object.values(ProductBucket).map((bucket): [string, ProductListFilter] => [`${bucket} out of stock`, { bucket, outOfStock: true }]),
        ['warehouse', { warehouseId }],
        ['warehouse out of stock', { warehouseId, outOfStock: true }],
        // Created ranges walk products_seller_created_id_idx in (created_at, id) order: no sort at all.
        ['created range', range],
        ['created from', { createdFrom: range.createdFrom }],
        ['created to', { createdTo: range.createdTo }],
        ['created range, status', { ...range, status: ProductStatus.DRAFT }],
        ...Object.values(ProductBucket).map((bucket): [string, ProductListFilter] => [`${bucket} created range`, { bucket, ...range }]),
        ['created range out of stock', { ...range, outOfStock: true }],
      ];
      // A keyword matches inside titles through products_title_trgm_idx (pg_trgm ships with PostgreSQL's
      // contrib; without it the migration builds a prefix index and keywords match title prefixes).
      const keywordMode = await repository.keywordMode();
      expect(keywordMode).toBe('contains');
      const keywordFilters: Array<[string, ProductListFilter]> = [
        ['common keyword', { keyword: 'bulk product', keywordMode }],
        ['rare keyword', { keyword: 'bulk product 4242', keywordMode }],
        ['keyword in a bucket', { keyword: 'product 4242', bucket: ProductBucket.DRAFTS, keywordMode }],
        ['keyword in a created range', { keyword: 'product 4242', ...range, keywordMode }],
        ['keyword with a status', { keyword: 'product 77', status: ProductStatus.ACTIVATE, keywordMode }],
      ];
      const planOf = async (filter: ProductListFilter, cursor: string | null) => {
        const [sql, params] = repository.listQuery(big.sellerId!, filter, 20, cursor).getQueryAndParameters();
        const [{ 'QUERY PLAN': plan }] = (await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows;
        return flatten(plan[0].Plan);
      };
      const checkIndexed = (name: string, nodes: any[]) => {
        expect({ name, seq: nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']) }).toEqual({ name, seq: [] });
        const fromIndex = (n: any) => (/Index/.test(n['Node Type']) || n['Node Type'] === 'Bitmap Heap Scan') && n['Relation Name'] === 'products';
        expect({ name, index: nodes.some(fromIndex) }).toEqual({ name, index: true });
      };
      for (const [name, filter] of filters) {
        for (const cursor of [null, after]) {
          const nodes = await planOf(filter, cursor);
          expect({ name, sorts: nodes.filter((n) => n['Node Type'].includes('Sort')).length }).toEqual({ name, sorts: 0 });
          checkIndexed(name, nodes);
        }
      }
      for (const [name, filter] of keywordFilters) {
        for (const cursor of [null, after]) {
          const nodes = await planOf(filter, cursor);
          checkIndexed(name, nodes);
          // Either the keyset order is walked and the keyword filters it, or the keyword's matches come from
          // the trigram index and only they are sorted — never the whole shop.
          const sorts = nodes.filter((n) => n['Node Type'].includes('Sort'));
          const sortsOnlyMatches = sorts.every((sort) => flatten(sort).some((n) => n['Index Name'] === 'products_title_trgm_idx'));
          expect({ name, sortsOnlyMatches }).toEqual({ name, sortsOnlyMatches: true });
        }
      }
    } finally {
      await dataSource.destroy();
    }

    // The created range pages in keyset order with an id cursor, and a keyword finds what SQL finds.
    const rangeVars = { createdFrom: range.createdFrom.toISOString(), createdTo: range.createdTo.toISOString() };
    const PAGE = `query($filter: ProductFilter, $after: String) { shop { products(first: 100, filter: $filter, after: $after) { nodes { id } pageInfo { endCursor } } } }`;
    const firstPage = (await gql(big, PAGE, { filter: rangeVars })).data.shop.products;
    const secondPage = (await gql(big, PAGE, { filter: rangeVars, after: firstPage.pageInfo.endCursor })).data.shop.products;
    const expectedRange = await db.query(
      `SELECT id FROM products WHERE seller_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at DESC, id DESC LIMIT 200`,
      [big.sellerId, range.createdFrom, range.createdTo],
    );
    expect([...firstPage.nodes, ...secondPage.nodes].map((n: any) => n.id)).toEqual(expectedRange.rows.map((r) => r.id));
    const found = (await gql(big, PAGE, { filter: { keyword: 'Bulk Product 4242' } })).data.shop.products.nodes.map((n: any) => n.id);
    const expectedFound = await db.query(`SELECT id FROM products WHERE seller_id = $1 AND lower(title) LIKE '%bulk product 4242%' ORDER BY id DESC`, [
      big.sellerId,
    ]);
    expect(found).toEqual(expectedFound.rows.map((r) => r.id));
    expect(found).toHaveLength(11);
    const counts = await gql(big, `{ shop { productBucketCounts { active inReview drafts outOfStock } } }`);
    expect(counts.data.shop.productBucketCounts.active).toBe(30_000);
    const expectedOutOfStock = await db.query(
      `SELECT count(*)::int AS n FROM products p JOIN sku_stock_status st ON st.product_id = p.id WHERE p.seller_id = $1 AND st.out_of_stock AND p.status <> 'DELETED'`,
      [big.sellerId],
    );
    expect(counts.data.shop.productBucketCounts.outOfStock).toBe(expectedOutOfStock.rows[0].n);
    expect(expectedOutOfStock.rows[0].n).toBeGreaterThan(0);
  });

  function flatten(node: any): any[] {
    return [node, ...(node.Plans ?? []).flatMap(flatten)];
  }

  describe('bad input: typed error and nothing written', () => {
    let product: { productId: string; skuIds: string[] };
    let draft: { id: string };
    beforeAll(async () => {
      product = await live(seller);
      draft = await createDraft();
    });

    const cases: Array<[string, () => [Identity, string, unknown], string]> = [
      [
        'createProduct with an http image',
        () => [seller, CREATE, { input: draftInput('Tote', { images: ['http://insecure.example/a.jpg'] }) }],
        'VALIDATION_FAILED',
      ],
      [
        'createProduct with a list price below the price',
        () => [
          seller,
          CREATE,
          {
            input: draftInput('Tote', {
              skus: [
                { sellerSku: `S-${randomUUID()}`, price: { amountMinor: '500', currencyCode: 'USD' }, listPrice: { amountMinor: '400', currencyCode: 'USD' } },
              ],
            }),
          },
        ],
        'VALIDATION_FAILED',
      ],
      [
        'createProduct with a NUL in an attribute',
        () => [seller, CREATE, { input: draftInput('Tote', { attributes: [{ name: 'Material', value: 'Cot\u0000ton' }] }) }],
        'VALIDATION_FAILED',
      ],
      ['editProduct without any field', () => [seller, EDIT, { input: { productId: draft.id, idempotencyKey: key() } }], 'VALIDATION_FAILED'],
      [
        'editProduct with a malformed id',
        () => [seller, EDIT, { input: { productId: 'nope', title: 'Valid title', idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      [
        'editProduct with a control character',
        () => [seller, EDIT, { input: { productId: draft.id, title: 'Bad\u0007title', idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      [
        'editProduct of a live product failing the listing check',
        () => [seller, EDIT, { input: { productId: product.productId, title: 'FREE STUFF', idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      ['editProduct of another shop', () => [newSeller(), EDIT, { input: { productId: draft.id, title: 'Not yours', idempotencyKey: key() } }], 'NOT_FOUND'],
      [
        'updateSkuPrices in a foreign currency',
        () => [
          seller,
          PRICES,
          {
            input: {
              productId: product.productId,
              prices: [{ skuId: product.skuIds[0], price: { amountMinor: '100', currencyCode: 'EUR' } }],
              idempotencyKey: key(),
            },
          },
        ],
        'VALIDATION_FAILED',
      ],
      [
        'updateSkuPrices with a zero price',
        () => [
          seller,
          PRICES,
          {
            input: {
              productId: product.productId,
              prices: [{ skuId: product.skuIds[0], price: { amountMinor: '0', currencyCode: 'USD' } }],
              idempotencyKey: key(),
            },
          },
        ],
        'VALIDATION_FAILED',
      ],
      [
        'updateSkuPrices with a list price below the price',
        () => [
          seller,
          PRICES,
          {
            input: {
              productId: product.productId,
              prices: [
                { skuId: product.skuIds[0], price: { amountMinor: '900', currencyCode: 'USD' }, listPrice: { amountMinor: '800', currencyCode: 'USD' } },
              ],
              idempotencyKey: key(),
            },
          },
        ],
        'VALIDATION_FAILED',
      ],
      [
        'updateSkuPrices with no prices',
        () => [seller, PRICES, { input: { productId: product.productId, prices: [], idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      [
        'updateSkuPrices for a SKU of another product',
        () => [
          seller,
          PRICES,
          { input: { productId: draft.id, prices: [{ skuId: product.skuIds[0], price: { amountMinor: '900', currencyCode: 'USD' } }], idempotencyKey: key() } },
        ],
        'NOT_FOUND',
      ],
      ['submitProductForReview with a short key', () => [seller, SUBMIT, { input: { productId: draft.id, idempotencyKey: 'k' } }], 'VALIDATION_FAILED'],
      [
        'submitProductForReview of a live product',
        () => [seller, SUBMIT, { input: { productId: product.productId, idempotencyKey: key() } }],
        'INVALID_TRANSITION',
      ],
      ['activateProducts with no ids', () => [seller, bulk('activateProducts'), { input: { productIds: [], idempotencyKey: key() } }], 'VALIDATION_FAILED'],
      [
        'deactivateProducts with 101 ids',
        () => [
          seller,
          bulk('deactivateProducts'),
          { input: { productIds: Array.from({ length: 101 }, (_, i) => `prd_${i.toString(36).padStart(9, '0')}${'a'.repeat(16)}`), idempotencyKey: key() } },
        ],
        'VALIDATION_FAILED',
      ],
      [
        'deleteProducts with a repeated id',
        () => [seller, bulk('deleteProducts'), { input: { productIds: [draft.id, draft.id], idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      [
        'recoverProducts with a malformed id',
        () => [seller, bulk('recoverProducts'), { input: { productIds: ['prd_x'], idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      ['approveProduct of a draft', () => [TEST_PLATFORM, APPROVE, { input: { productId: draft.id, idempotencyKey: key() } }], 'INVALID_TRANSITION'],
      ['approveProduct by a buyer', () => [buyer, APPROVE, { input: { productId: draft.id, idempotencyKey: key() } }], 'FORBIDDEN'],
      [
        'rejectProduct without reasons',
        () => [TEST_PLATFORM, REJECT, { input: { productId: product.productId, reasons: [], idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      [
        'rejectProduct with an empty reason list',
        () => [TEST_PLATFORM, REJECT, { input: { productId: product.productId, reasons: [{ position: 'title', reasons: [] }], idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      [
        'rejectProduct of a live product without a revision',
        () => [TEST_PLATFORM, REJECT, { input: { productId: product.productId, reasons: [{ position: 'title', reasons: ['x'] }], idempotencyKey: key() } }],
        'INVALID_TRANSITION',
      ],
      [
        'platformDeactivateProduct with an empty reason',
        () => [TEST_PLATFORM, PLATFORM_DEACTIVATE, { input: { productId: product.productId, reason: ' ', idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      [
        'platformDeactivateProduct of a draft',
        () => [TEST_PLATFORM, PLATFORM_DEACTIVATE, { input: { productId: draft.id, reason: 'Policy', idempotencyKey: key() } }],
        'INVALID_TRANSITION',
      ],
      [
        'freezeProduct with a NUL in the reason',
        () => [TEST_PLATFORM, FREEZE, { input: { productId: product.productId, reason: 'x\u0000', idempotencyKey: key() } }],
        'VALIDATION_FAILED',
      ],
      [
        'freezeProduct of an unknown product',
        () => [TEST_PLATFORM, FREEZE, { input: { productId: `prd_${'0'.repeat(9)}${'b'.repeat(16)}`, reason: 'Policy', idempotencyKey: key() } }],
        'NOT_FOUND',
      ],
    ];

    it.each(cases)('%s', async (_name, make, code) => {
      const [identity, query, variables] = make();
      const before = await counts();
      expect(errorCodes(await catalog(identity, query, variables))).toEqual([code]);
      expect(await counts()).toEqual(before);
    });

    it('refuses an idempotency key reused with other input, writing nothing', async () => {
      const reused = key();
      await catalog(seller, EDIT, { input: { productId: draft.id, title: 'First edit of the draft', idempotencyKey: reused } });
      const before = await counts();
      expect(errorCodes(await catalog(seller, EDIT, { input: { productId: draft.id, title: 'Second edit of the draft', idempotencyKey: reused } }))).toEqual([
        'IDEMPOTENCY_CONFLICT',
      ]);
      expect(await counts()).toEqual(before);
    });
  });
});
