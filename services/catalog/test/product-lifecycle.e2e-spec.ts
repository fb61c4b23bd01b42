import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Identity } from '@sc/auth';
import {
  LiveProduct,
  PASSING_LISTING,
  TEST_PLATFORM,
  TestStack,
  createLiveProduct,
  errorCodes,
  newBuyer,
  newIdempotencyKey,
  newSeller,
  startTestStack,
} from '@sc/testing';
import { createDataSource } from '@sc/db';
import { databaseUrlOf } from '@sc/stack';
import { ProductBucket } from '../src/product/product-bucket';
import { ProductStatus } from '../src/product/product-status';
import { ProductListFilter, ProductRepository } from '../src/product/product.repository';
import { entities } from '../src/database/entities';
import {
  ADJUST,
  APPROVE,
  AdjustResult,
  ApproveResult,
  BulkAction,
  BulkResult,
  CREATE,
  CatalogCall,
  CreateProductResult,
  EDIT,
  EditProductResult,
  FREEZE,
  FreezeResult,
  PLATFORM_DEACTIVATE,
  PRICES,
  PlatformDeactivateResult,
  PricesResult,
  ProductBucketCountsView,
  REJECT,
  RejectResult,
  SUBMIT,
  ShopProductsView,
  SubmitResult,
  THRESHOLD,
  ThresholdResult,
  bulk,
  catalogCaller,
  dataOf,
  defaultWarehouseOf,
  priceChangesOf,
  registerShop,
  statusChangesOf,
  statusOf,
  writeCounts,
} from './support/catalog-api';
import { feedOrderEvents, inventoryRepliesOf, orderOf } from './support/orders-feed';

/** One node of a PostgreSQL `EXPLAIN (FORMAT JSON)` plan, as far as the plan checks read it. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

// The product lifecycle in catalog alone (real PostgreSQL and Kafka): review loop, live revisions, bulk
// actions, buckets, and bad input for every mutation; the status and price events catalog publishes for
// orders, and orders' events (as OrderFixture publishes them) where catalog depends on them: reservations
// and the delete guard. How orders reacts to catalog's events (sellability, prices, placeOrder refused) is
// tested across services in gateway/test/flows/product-sellability.e2e-spec.ts.
describe('product lifecycle', () => {
  let stack: TestStack;
  let db: Client;
  let call: CatalogCall;
  const seller = newSeller();
  const buyer = newBuyer();

  const key = newIdempotencyKey;
  const draftInput = (title = 'Short tote', extra: Record<string, unknown> = {}) => ({
    title,
    idempotencyKey: key(),
    skus: [{ sellerSku: `T-${randomUUID()}`, price: { amountMinor: '1299', currencyCode: 'USD' }, initialStock: 5 }],
    ...extra,
  });
  const createDraft = async (owner: Identity = seller, title?: string) =>
    dataOf(await call<CreateProductResult>(owner, CREATE, { input: draftInput(title) })).createProduct;
  const live = (owner: Identity = seller, title?: string): Promise<LiveProduct> => createLiveProduct(call, owner, { title });
  const counts = () => writeCounts(db);
  const runBulk = async <N extends BulkAction>(identity: Identity, name: N, productIds: string[], idempotencyKey = key()) =>
    dataOf(await call<BulkResult<N>>(identity, bulk(name), { input: { productIds, idempotencyKey } }))[name];
  const transitions = async (productId: string) => (await statusChangesOf(db, productId)).map(([from, to, sellable]) => [from, to, sellable]);

  beforeAll(async () => {
    stack = await startTestStack('lifecycle', { subgraphs: ['catalog'] });
    db = await stack.db('catalog');
    call = catalogCaller(stack);
    await registerShop(call, seller, 'Lifecycle shop');
  });

  afterAll(async () => {
    await stack?.dispose();
  });

  it('runs the review loop: reject with reasons → fix → resubmit → approve, announcing each status change', async () => {
    const dryRun = await call<{ checkListing: { passed: boolean; problems: Array<{ field: string; code: string }> } }>(
      seller,
      `query($input: ListingCheckInput!) { checkListing(input: $input) { passed problems { field code } } }`,
      { input: { title: 'TOTE SALE', images: [] } },
    );
    const check = dataOf(dryRun).checkListing;
    expect(check.passed).toBe(false);
    expect(check.problems.map((p) => p.code).sort()).toEqual(['CATEGORY_REQUIRED', 'NO_IMAGES', 'TITLE_ALL_CAPS', 'TITLE_LENGTH', 'TITLE_PROMOTIONAL']);

    const before = await counts();
    const refused = await call<CreateProductResult>(seller, CREATE, { input: draftInput('Short tote', { saveMode: 'LISTING' }) });
    expect(errorCodes(refused)).toEqual(['VALIDATION_FAILED']);
    expect(await counts()).toEqual(before);

    const draft = await createDraft();
    expect(draft.status).toBe('DRAFT');
    const beforeSubmit = await counts();
    expect(errorCodes(await call<SubmitResult>(seller, SUBMIT, { input: { productId: draft.id, idempotencyKey: key() } }))).toEqual(['VALIDATION_FAILED']);
    expect(await counts()).toEqual(beforeSubmit);

    const fixed = await call<EditProductResult>(seller, EDIT, {
      input: { productId: draft.id, title: 'Heavy canvas tote bag with inner pocket', ...PASSING_LISTING, idempotencyKey: key() },
    });
    expect(dataOf(fixed).editProduct).toMatchObject({ status: 'DRAFT', title: 'Heavy canvas tote bag with inner pocket', hasPendingRevision: false });
    const submitted = await call<SubmitResult>(seller, SUBMIT, { input: { productId: draft.id, idempotencyKey: key() } });
    expect(dataOf(submitted).submitProductForReview.status).toBe('PENDING');
    expect(
      errorCodes(
        await call<EditProductResult>(seller, EDIT, { input: { productId: draft.id, title: 'Edited while in review, not allowed', idempotencyKey: key() } }),
      ),
    ).toEqual(['INVALID_TRANSITION']);

    const reasons = [{ position: 'images[0]', reasons: ['Image is blurry'], suggestions: ['Upload a sharp photo on white'] }];
    const rejected = await call<RejectResult>(TEST_PLATFORM, REJECT, { input: { productId: draft.id, reasons, idempotencyKey: key() } });
    expect(dataOf(rejected).rejectProduct).toMatchObject({ status: 'FAILED', failedReasons: reasons });
    expect(errorCodes(await call<ApproveResult>(TEST_PLATFORM, APPROVE, { input: { productId: draft.id, idempotencyKey: key() } }))).toEqual([
      'INVALID_TRANSITION',
    ]);

    dataOf(
      await call<EditProductResult>(seller, EDIT, { input: { productId: draft.id, images: ['https://images.example/tote-sharp.jpg'], idempotencyKey: key() } }),
    );
    const resubmitted = await call<SubmitResult>(seller, SUBMIT, { input: { productId: draft.id, idempotencyKey: key() } });
    expect(dataOf(resubmitted).submitProductForReview.status).toBe('PENDING');
    const approved = await call<ApproveResult>(TEST_PLATFORM, APPROVE, { input: { productId: draft.id, idempotencyKey: key() } });
    expect(dataOf(approved).approveProduct).toMatchObject({ status: 'ACTIVATE', failedReasons: [] });

    // What orders' sellability read model is built from: only ACTIVATE is sellable, and every change
    // carries a higher product version than the one before (orders keeps the newest whatever the order).
    const changes = await statusChangesOf(db, draft.id);
    expect(changes.map(([from, to, sellable]) => [from, to, sellable])).toEqual([
      ['DRAFT', 'PENDING', false],
      ['PENDING', 'FAILED', false],
      ['FAILED', 'PENDING', false],
      ['PENDING', 'ACTIVATE', true],
    ]);
    const versions = changes.map(([, , , version]) => version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('keeps a live product selling while its content edit is reviewed, and prices skip review', async () => {
    const product = await live(seller, 'Linen shirt with mother-of-pearl buttons');
    const edited = await call<EditProductResult>(seller, EDIT, {
      input: { productId: product.productId, title: 'Linen shirt with horn buttons, relaxed fit', idempotencyKey: key() },
    });
    expect(dataOf(edited).editProduct).toMatchObject({
      status: 'ACTIVATE',
      title: 'Linen shirt with mother-of-pearl buttons',
      hasPendingRevision: true,
      latestRevision: { revisionNo: 1, reviewStatus: 'PENDING', changedFields: ['title'], title: 'Linen shirt with horn buttons, relaxed fit' },
    });
    // Still on sale while the revision is in review: an order of it (orders' order.placed) gets its stock.
    const order = orderOf(seller, buyer, product);
    await feedOrderEvents(stack, db, order.place());
    expect(await inventoryRepliesOf(db, order.orderId)).toEqual(['inventory.reserved']);

    const prices = await call<PricesResult>(seller, PRICES, {
      input: {
        productId: product.productId,
        prices: [{ skuId: product.skuIds[0], price: { amountMinor: '1999', currencyCode: 'USD' }, listPrice: { amountMinor: '2999', currencyCode: 'USD' } }],
        idempotencyKey: key(),
      },
    });
    expect(dataOf(prices).updateSkuPrices.skus[0]).toMatchObject({ price: { amountMinor: '1999' }, listPrice: { amountMinor: '2999' } });
    expect(await statusOf(db, product.productId)).toBe('ACTIVATE');
    // The price orders' price read model takes, at a product version above the approval's (so it wins there).
    const [priceChange] = await priceChangesOf(db, product.productId);
    expect(priceChange).toMatchObject({
      productId: product.productId,
      skuId: product.skuIds[0],
      oldPrice: { amountMinor: '2500', currencyCode: 'USD' },
      newPrice: { amountMinor: '1999', currencyCode: 'USD' },
    });
    const [approval] = await statusChangesOf(db, product.productId);
    expect(priceChange.aggregateVersion).toBeGreaterThan(approval[3]);

    const approved = await call<ApproveResult>(TEST_PLATFORM, APPROVE, { input: { productId: product.productId, idempotencyKey: key() } });
    expect(dataOf(approved).approveProduct).toMatchObject({
      status: 'ACTIVATE',
      title: 'Linen shirt with horn buttons, relaxed fit',
      hasPendingRevision: false,
    });

    dataOf(
      await call<EditProductResult>(seller, EDIT, {
        input: { productId: product.productId, title: 'Linen shirt that review will turn down', idempotencyKey: key() },
      }),
    );
    const reasons = [{ position: 'title', reasons: ['Vague'], suggestions: [] }];
    const rejected = await call<RejectResult>(TEST_PLATFORM, REJECT, { input: { productId: product.productId, reasons, idempotencyKey: key() } });
    expect(dataOf(rejected).rejectProduct).toMatchObject({
      status: 'ACTIVATE',
      title: 'Linen shirt with horn buttons, relaxed fit',
      hasPendingRevision: false,
    });

    // Edits, a price change and both reviews later the product never stopped being sellable: its only
    // status change is the approval that put it on sale.
    expect(await transitions(product.productId)).toEqual([['PENDING', 'ACTIVATE', true]]);
  });

  it('announces a deactivated product as unsellable and a reactivated one as sellable again (what orders refuses orders by)', async () => {
    const product = await live(seller, 'Waxed cotton rain jacket, olive');
    expect(await runBulk(seller, 'deactivateProducts', [product.productId])).toEqual([{ productId: product.productId, ok: true, error: null }]);
    expect(await statusOf(db, product.productId)).toBe('SELLER_DEACTIVATED');
    expect(await runBulk(seller, 'activateProducts', [product.productId])).toEqual([{ productId: product.productId, ok: true, error: null }]);
    expect(await statusOf(db, product.productId)).toBe('ACTIVATE');
    expect(await transitions(product.productId)).toEqual([
      ['PENDING', 'ACTIVATE', true],
      ['ACTIVATE', 'SELLER_DEACTIVATED', false],
      ['SELLER_DEACTIVATED', 'ACTIVATE', true],
    ]);
  });

  it('deletes and recovers products', async () => {
    const product = await live(seller);
    const [deleted] = await runBulk(seller, 'deleteProducts', [product.productId]);
    expect(deleted.ok).toBe(true);
    expect(await statusOf(db, product.productId)).toBe('DELETED');
    expect(
      errorCodes(
        await call<EditProductResult>(seller, EDIT, {
          input: { productId: product.productId, title: 'Editing a deleted product is refused', idempotencyKey: key() },
        }),
      ),
    ).toEqual(['INVALID_TRANSITION']);
    const [recovered] = await runBulk(seller, 'recoverProducts', [product.productId]);
    expect(recovered.ok).toBe(true);
    expect(await statusOf(db, product.productId)).toBe('SELLER_DEACTIVATED');
  });

  it('refuses to delete a product while an order holds its units (PRODUCT_HAS_OPEN_ORDERS), and deletes it once the order is cancelled', async () => {
    const product = await live(seller, 'Enamel camping mug, speckled');
    const order = orderOf(seller, buyer, product, { quantity: 2 });
    await feedOrderEvents(stack, db, order.place());
    expect(await inventoryRepliesOf(db, order.orderId)).toEqual(['inventory.reserved']);

    const changesBefore = await statusChangesOf(db, product.productId);
    const [refused] = await runBulk(seller, 'deleteProducts', [product.productId]);
    expect([refused.ok, refused.error?.code]).toEqual([false, 'PRODUCT_HAS_OPEN_ORDERS']);
    expect(await statusOf(db, product.productId)).toBe('ACTIVATE');
    expect(await statusChangesOf(db, product.productId)).toEqual(changesBefore);

    await feedOrderEvents(stack, db, order.cancel({ reason: 'BUYER_CHANGED_MIND', by: 'BUYER' }));
    expect(await inventoryRepliesOf(db, order.orderId)).toEqual(['inventory.reserved', 'inventory.released']);
    const [deleted] = await runBulk(seller, 'deleteProducts', [product.productId]);
    expect(deleted).toEqual({ productId: product.productId, ok: true, error: null });
    expect(await transitions(product.productId)).toEqual([
      ['PENDING', 'ACTIVATE', true],
      ['ACTIVATE', 'DELETED', false],
    ]);
  });

  it('answers bulk actions per product, and replays them for the same key', async () => {
    const active = await live(seller);
    const draft = await createDraft();
    const others = await createDraft(await registeredSeller());
    const unknown = `prd_${'0'.repeat(9)}${'a'.repeat(16)}`;
    const productIds = [active.productId, draft.id, unknown, others.id];
    const idempotencyKey = key();
    const result = await runBulk(seller, 'deactivateProducts', productIds, idempotencyKey);
    expect(result.map((r) => [r.productId, r.ok, r.error?.code ?? null])).toEqual([
      [active.productId, true, null],
      [draft.id, false, 'INVALID_TRANSITION'],
      [unknown, false, 'NOT_FOUND'],
      [others.id, false, 'NOT_FOUND'],
    ]);
    const versions = await counts();
    const replay = await runBulk(seller, 'deactivateProducts', productIds, idempotencyKey);
    expect(replay.map((r) => r.ok)).toEqual([true, false, false, false]);
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
      expect(errorCodes(await call(seller, query, { input }))).toEqual(['FORBIDDEN']);
    }
    expect(await counts()).toEqual(before);

    const deactivated = await call<PlatformDeactivateResult>(TEST_PLATFORM, PLATFORM_DEACTIVATE, {
      input: { productId: product.productId, reason: 'Misleading claims', idempotencyKey: key() },
    });
    expect(dataOf(deactivated).platformDeactivateProduct).toMatchObject({ status: 'PLATFORM_DEACTIVATED', statusReason: 'Misleading claims' });
    const frozen = await call<FreezeResult>(TEST_PLATFORM, FREEZE, {
      input: { productId: product.productId, reason: 'Counterfeit goods', idempotencyKey: key() },
    });
    expect(dataOf(frozen).freezeProduct.status).toBe('FREEZE');
    for (const name of ['activateProducts', 'deactivateProducts', 'deleteProducts', 'recoverProducts'] as const) {
      expect((await runBulk(seller, name, [product.productId]))[0].error?.code).toBe('INVALID_TRANSITION');
    }
    expect(errorCodes(await call<SubmitResult>(seller, SUBMIT, { input: { productId: product.productId, idempotencyKey: key() } }))).toEqual([
      'INVALID_TRANSITION',
    ]);
  });

  async function registeredSeller(): Promise<Identity> {
    const other = newSeller();
    await registerShop(call, other, 'Other shop');
    return other;
  }

  const bucketCounts = async (shop: Identity) =>
    dataOf(
      await call<{ shop: { productBucketCounts: ProductBucketCountsView } }>(
        shop,
        `{ shop { productBucketCounts { active inReview suspended inactive drafts deleted outOfStock } } }`,
      ),
    ).shop.productBucketCounts;

  it('counts and lists products per bucket, with filters', async () => {
    const shop = await registeredSeller();
    const [activeA, activeB, inactive, failed, deleted] = [await live(shop), await live(shop), await live(shop), await live(shop), await live(shop)];
    const drafts = [await createDraft(shop, 'Marble coaster'), await createDraft(shop, 'Marble tray')];
    const pending = await createLiveProductPending(shop);
    await runBulk(shop, 'deactivateProducts', [inactive.productId]);
    await runBulk(shop, 'deleteProducts', [deleted.productId]);
    dataOf(
      await call<PlatformDeactivateResult>(TEST_PLATFORM, PLATFORM_DEACTIVATE, {
        input: { productId: failed.productId, reason: 'Policy', idempotencyKey: key() },
      }),
    );
    dataOf(
      await call<EditProductResult>(shop, EDIT, {
        input: { productId: activeB.productId, description: 'Now with a longer description', idempotencyKey: key() },
      }),
    );

    const result = await call<{ shop: { productBucketCounts: Omit<ProductBucketCountsView, 'outOfStock'> } }>(
      shop,
      `{ shop { productBucketCounts { active inReview suspended inactive drafts deleted } } }`,
    );
    expect(dataOf(result).shop.productBucketCounts).toEqual({ active: 2, inReview: 2, suspended: 1, inactive: 1, drafts: 2, deleted: 1 });

    const list = async (filter: Record<string, unknown>) =>
      dataOf(
        await call<ShopProductsView>(shop, `query($filter: ProductFilter) { shop { products(first: 50, filter: $filter) { nodes { id } } } }`, { filter }),
      ).shop.products.nodes.map((n) => n.id);
    expect(await list({ bucket: 'ACTIVE' })).toEqual([activeB.productId, activeA.productId]);
    expect(await list({ bucket: 'IN_REVIEW' })).toEqual([pending, activeB.productId]);
    expect(await list({ bucket: 'SUSPENDED' })).toEqual([failed.productId]);
    expect(await list({ bucket: 'INACTIVE' })).toEqual([inactive.productId]);
    expect(await list({ bucket: 'DRAFTS' })).toEqual([drafts[1].id, drafts[0].id]);
    expect(await list({ bucket: 'DELETED' })).toEqual([deleted.productId]);
    expect(await list({ keyword: 'marble c' })).toEqual([drafts[0].id]);
    expect(await list({ bucket: 'DRAFTS', keyword: 'MARBLE' })).toEqual([drafts[1].id, drafts[0].id]);
    expect(await list({ createdFrom: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    const warehouse = await defaultWarehouseOf(db, shop.sellerId!);
    expect(await list({ warehouseId: warehouse })).toHaveLength(8);
    const emptied = await call<AdjustResult>(shop, ADJUST, {
      input: { skuId: activeA.skuIds[0], warehouseId: warehouse, delta: -10, reason: 'LOST', idempotencyKey: key() },
    });
    expect(dataOf(emptied).adjustInventory.available).toBe(0);
    expect(await list({ outOfStock: true })).toEqual([activeA.productId]);
    expect(await list({ outOfStock: false })).not.toContain(activeA.productId);
    expect((await bucketCounts(shop)).outOfStock).toBe(1);
    expect(errorCodes(await call<ShopProductsView>(shop, `{ shop { products(filter: { keyword: "a\\u0000" }) { nodes { id } } } }`))).toEqual([
      'VALIDATION_FAILED',
    ]);
  });

  it('agrees on out of stock everywhere: the filter, Sku.outOfStock, every bucket and the counts', async () => {
    const shop = await registeredSeller();
    const warehouse = await defaultWarehouseOf(db, shop.sellerId!);
    // Two SKUs, one pushed out of stock by its threshold (3 available, threshold 3): the product is out of stock.
    const mixed = await createLiveProduct(call, shop, {
      title: 'Two-colour mug',
      skus: [
        { initialStock: 3, salesAttributes: [{ name: 'Colour', value: 'Sand' }] },
        { initialStock: 8, salesAttributes: [{ name: 'Colour', value: 'Ink' }] },
      ],
    });
    const threshold = await call<ThresholdResult>(shop, THRESHOLD, { input: { skuId: mixed.skuIds[0], threshold: 3, idempotencyKey: key() } });
    expect(dataOf(threshold).setOutOfStockThreshold.outOfStock).toBe(true);
    const stocked = await live(shop, 'Stoneware bowl');
    const emptyDraft = dataOf(
      await call<CreateProductResult>(shop, CREATE, {
        input: {
          ...draftInput('Empty draft'),
          skus: [{ sellerSku: `E-${randomUUID()}`, price: { amountMinor: '900', currencyCode: 'USD' }, initialStock: 0 }],
        },
      }),
    ).createProduct;
    const adjust = async (skuId: string, delta: number, reason: string) =>
      dataOf(await call<AdjustResult>(shop, ADJUST, { input: { skuId, warehouseId: warehouse, delta, reason, idempotencyKey: key() } }));
    const soldOut = await live(shop, 'Sold-out jug');
    await adjust(soldOut.skuIds[0], -10, 'LOST');
    const deletedEmpty = await live(shop, 'Deleted empty vase');
    await adjust(deletedEmpty.skuIds[0], -10, 'LOST');
    expect((await runBulk(shop, 'deleteProducts', [deletedEmpty.productId]))[0].ok).toBe(true);
    await runBulk(shop, 'deactivateProducts', [soldOut.productId]);

    type StockNode = { id: string; skus: Array<{ id: string; outOfStock: boolean }> };
    const list = async (filter: Record<string, unknown>) =>
      dataOf(
        await call<ShopProductsView<StockNode>>(
          shop,
          `query($filter: ProductFilter) { shop { products(first: 50, filter: $filter) { nodes { id skus { id outOfStock } } } } }`,
          { filter },
        ),
      ).shop.products.nodes;
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
    const oosSkus = dataOf(
      await call<{ shop: { outOfStockSkuCount: number; outOfStockSkus: { nodes: Array<{ skuId: string }> } } }>(
        shop,
        `{ shop { outOfStockSkuCount outOfStockSkus(first: 100) { nodes { skuId } } } }`,
      ),
    ).shop;
    const actionable = [soldOut.productId, mixed.productId];
    const flagged = out.filter((p) => actionable.includes(p.id)).flatMap((p) => p.skus.filter((sku) => sku.outOfStock).map((sku) => sku.id));
    expect(flagged).toHaveLength(2);
    expect(oosSkus.outOfStockSkus.nodes.map((n) => n.skuId).sort()).toEqual(flagged.sort());
    expect(oosSkus.outOfStockSkuCount).toBe(flagged.length);

    // Every bucket splits into its out-of-stock and in-stock products, and the counts say the same.
    const counts = await bucketCounts(shop);
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
    await adjust(soldOut.skuIds[0], 4, 'RECEIVED');
    expect(ids(await list({ outOfStock: true }))).not.toContain(soldOut.productId);
    expect((await bucketCounts(shop)).outOfStock).toBe(2);
  });

  async function createLiveProductPending(owner: Identity): Promise<string> {
    const created = await call<CreateProductResult>(owner, CREATE, {
      input: { ...draftInput('Marble serving board, large size'), ...PASSING_LISTING, saveMode: 'LISTING' },
    });
    expect(dataOf(created).createProduct.status).toBe('PENDING');
    return dataOf(created).createProduct.id;
  }

  it('lists a 100,000-product shop from an index: no sort of the shop, no sequential scan (plan, not timing)', async () => {
    const big = await registeredSeller();
    // Product i was created i seconds before the insert: this range holds products 20,000 to 60,000.
    const insertedAt = Date.now();
    const range = { createdFrom: new Date(insertedAt - 60_000_000), createdTo: new Date(insertedAt - 20_000_000) };
    const warehouseId = await defaultWarehouseOf(db, big.sellerId!);
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
        const [{ 'QUERY PLAN': plan }] = (await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows;
        return flatten(plan[0].Plan);
      };
      const checkIndexed = (name: string, nodes: PlanNode[]) => {
        expect({ name, seq: nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']) }).toEqual({ name, seq: [] });
        const fromIndex = (n: PlanNode) => (/Index/.test(n['Node Type']) || n['Node Type'] === 'Bitmap Heap Scan') && n['Relation Name'] === 'products';
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
    const firstPage = dataOf(await call<ShopProductsView>(big, PAGE, { filter: rangeVars })).shop.products;
    const secondPage = dataOf(await call<ShopProductsView>(big, PAGE, { filter: rangeVars, after: firstPage.pageInfo?.endCursor })).shop.products;
    const expectedRange = await db.query<{ id: string }>(
      `SELECT id FROM products WHERE seller_id = $1 AND created_at >= $2 AND created_at < $3 ORDER BY created_at DESC, id DESC LIMIT 200`,
      [big.sellerId, range.createdFrom, range.createdTo],
    );
    expect([...firstPage.nodes, ...secondPage.nodes].map((n) => n.id)).toEqual(expectedRange.rows.map((r) => r.id));
    const found = dataOf(await call<ShopProductsView>(big, PAGE, { filter: { keyword: 'Bulk Product 4242' } })).shop.products.nodes.map((n) => n.id);
    const expectedFound = await db.query<{ id: string }>(
      `SELECT id FROM products WHERE seller_id = $1 AND lower(title) LIKE '%bulk product 4242%' ORDER BY id DESC`,
      [big.sellerId],
    );
    expect(found).toEqual(expectedFound.rows.map((r) => r.id));
    expect(found).toHaveLength(11);
    const counts = dataOf(
      await call<{ shop: { productBucketCounts: Pick<ProductBucketCountsView, 'active' | 'inReview' | 'drafts' | 'outOfStock'> } }>(
        big,
        `{ shop { productBucketCounts { active inReview drafts outOfStock } } }`,
      ),
    );
    expect(counts.shop.productBucketCounts.active).toBe(30_000);
    const expectedOutOfStock = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM products p JOIN sku_stock_status st ON st.product_id = p.id WHERE p.seller_id = $1 AND st.out_of_stock AND p.status <> 'DELETED'`,
      [big.sellerId],
    );
    expect(counts.shop.productBucketCounts.outOfStock).toBe(expectedOutOfStock.rows[0].n);
    expect(expectedOutOfStock.rows[0].n).toBeGreaterThan(0);
  });

  function flatten(node: PlanNode): PlanNode[] {
    return [node, ...(node.Plans ?? []).flatMap(flatten)];
  }

  describe('bad input: typed error and nothing written', () => {
    let product: LiveProduct;
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
      expect(errorCodes(await call(identity, query, variables))).toEqual([code]);
      expect(await counts()).toEqual(before);
    });

    it('refuses an idempotency key reused with other input, writing nothing', async () => {
      const reused = key();
      dataOf(await call<EditProductResult>(seller, EDIT, { input: { productId: draft.id, title: 'First edit of the draft', idempotencyKey: reused } }));
      const before = await counts();
      expect(
        errorCodes(await call<EditProductResult>(seller, EDIT, { input: { productId: draft.id, title: 'Second edit of the draft', idempotencyKey: reused } })),
      ).toEqual(['IDEMPOTENCY_CONFLICT']);
      expect(await counts()).toEqual(before);
    });
  });
});
