import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { GraphQLResult } from './graphql-client';
import { eventually } from './eventually';
import { newIdempotencyKey } from './identities';

/** Calls catalog (a subgraph directly, or the gateway) as `identity`. */
export type CatalogCaller = (identity: Identity, query: string, variables?: unknown) => Promise<GraphQLResult<any>>;

/** A platform reviewer: the only role that may approve listings. */
export const TEST_PLATFORM: Identity = { userId: 'usr_test_platform', sellerId: null, roles: ['PLATFORM'] };

/** Content that passes catalog's listing check (title rules, an image, a category without required attributes). */
export const PASSING_LISTING = {
  description: 'A product made for tests.',
  categoryId: 'general',
  images: ['https://images.example/test-product.jpg'],
  attributes: [] as Array<{ name: string; value: string }>,
};

/** One SKU of a live test product; defaults: a unique seller SKU, 25.00 in USD, 10 units. */
export interface LiveSkuSpec {
  sellerSku?: string;
  price?: string;
  currencyCode?: string;
  initialStock?: number;
  salesAttributes?: Array<{ name: string; value: string }>;
}

/** What {@link createLiveProduct} made. */
export interface LiveProduct {
  productId: string;
  skuIds: string[];
}

/**
 * Creates a product submitted for review (saveMode LISTING) and approves it as the platform, so it is
 * ACTIVATE and sellable — what tests that order products need since new products start unsellable.
 * Titles shorter than the listing minimum are padded so callers may keep short, readable names.
 */
export async function createLiveProduct(
  call: CatalogCaller,
  seller: Identity,
  options: { title?: string; skus?: LiveSkuSpec[]; platform?: Identity } = {},
): Promise<LiveProduct> {
  const base = options.title ?? 'Test product';
  const title = (base.length >= 25 ? base : `${base} for everyday test use`).padEnd(25, '.');
  const skus = (options.skus ?? [{}]).map((s) => ({
    sellerSku: s.sellerSku ?? `SKU-${randomUUID()}`,
    salesAttributes: s.salesAttributes ?? [],
    price: { amountMinor: s.price ?? '2500', currencyCode: s.currencyCode ?? 'USD' },
    initialStock: s.initialStock ?? 10,
  }));
  const created = await call(seller, `mutation($input: CreateProductInput!) { createProduct(input: $input) { id status skus { id } } }`, {
    input: { title, ...PASSING_LISTING, saveMode: 'LISTING', skus, idempotencyKey: newIdempotencyKey() },
  });
  if (created.errors) throw new Error(`createProduct failed: ${JSON.stringify(created.errors)}`);
  const product = created.data.createProduct as { id: string; skus: Array<{ id: string }> };
  const approved = await call(options.platform ?? TEST_PLATFORM, `mutation($input: ProductCommandInput!) { approveProduct(input: $input) { status } }`, {
    input: { productId: product.id, idempotencyKey: newIdempotencyKey() },
  });
  if (approved.errors) throw new Error(`approveProduct failed: ${JSON.stringify(approved.errors)}`);
  return { productId: product.id, skuIds: product.skus.map((s) => s.id) };
}

/** Waits until orders' price read model knows these SKUs as sellable (or, with `sellable` false, as not). */
export async function waitForSellable(ordersDb: Client, skuIds: string[], sellable = true): Promise<void> {
  await eventually(
    async () => (await ordersDb.query('SELECT count(*)::int AS n FROM sku_prices WHERE sku_id = ANY($1) AND sellable = $2', [skuIds, sellable])).rows[0].n,
    (n) => n === skuIds.length,
  );
}

/** Waits until orders has the shop from catalog's `shop.registered` (its currency, for shipping settings and the dashboard). */
export async function waitForShopInOrders(ordersDb: Client, sellerId: string): Promise<void> {
  await eventually(
    async () => (await ordersDb.query('SELECT 1 FROM dashboard_shops WHERE seller_id = $1', [sellerId])).rowCount,
    (n) => n === 1,
  );
}
