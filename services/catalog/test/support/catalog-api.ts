import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { ProductStatusChangedV1, SkuPriceChangedV1 } from '@sc/events';
import { subgraphUrlOf } from '@sc/stack';
import { GraphQLResult, TestStack, callSubgraph, outboxEvents } from '@sc/testing';

// Catalog's e2e specs call the catalog subgraph directly (as the gateway would) and read its own database:
// a typed caller, the views of catalog's answers the specs select, and readers of catalog's outbox.

/** Calls the catalog subgraph as `identity`; `T` is the shape of `data` the query selects. */
export type CatalogCall = <T = unknown>(identity: Identity, query: string, variables?: unknown) => Promise<GraphQLResult<T>>;

/** A caller of the stack's catalog subgraph. */
export function catalogCaller(stack: TestStack): CatalogCall {
  const url = subgraphUrlOf(stack.settings, 'catalog');
  return <T = unknown>(identity: Identity, query: string, variables?: unknown) =>
    callSubgraph<T>(url, stack.settings.internalSigningKey, identity, query, variables);
}

/** `data` of a result that must have succeeded; a result with errors (or without data) fails the test, naming them. */
export function dataOf<T>(result: GraphQLResult<T>): T {
  if (result.errors?.length || result.data === undefined || result.data === null) {
    throw new Error(`Expected data, got errors: ${JSON.stringify(result.errors ?? null)}`);
  }
  return result.data;
}

/** Registers `identity`'s shop (USD, UTC), which also opens its default warehouse. */
export async function registerShop(call: CatalogCall, identity: Identity, name = 'Test shop'): Promise<void> {
  dataOf(
    await call<{ registerShop: { id: string } }>(identity, `mutation($input: RegisterShopInput!) { registerShop(input: $input) { id } }`, {
      input: { name, currencyCode: 'USD', timeZone: 'UTC' },
    }),
  );
}

export type ProductStatusName = ProductStatusChangedV1['to'];

export interface FailedReasonView {
  position: string;
  reasons: string[];
  suggestions: string[];
}

/** A product as PRODUCT_FIELDS selects it. */
export interface ProductView {
  id: string;
  status: ProductStatusName;
  title: string;
  hasPendingRevision: boolean;
  failedReasons: FailedReasonView[];
  statusReason: string | null;
}

export interface RevisionView {
  revisionNo: number;
  reviewStatus: string;
  changedFields: string[];
  title: string;
}

export interface MoneyView {
  amountMinor: string;
}

/** One product's outcome in a bulk action. */
export interface BulkResultView {
  productId: string;
  ok: boolean;
  error: { code: string; message: string } | null;
}

export type BulkAction = 'activateProducts' | 'deactivateProducts' | 'deleteProducts' | 'recoverProducts';

/** What {@link bulk}`(name)` answers. */
export type BulkResult<N extends BulkAction> = Record<N, BulkResultView[]>;

export interface ProductBucketCountsView {
  active: number;
  inReview: number;
  suspended: number;
  inactive: number;
  drafts: number;
  deleted: number;
  outOfStock: number;
}

/** A product list query's page: `N` is the node selection; `pageInfo` is there when selected. */
export interface ShopProductsView<N = { id: string }> {
  shop: { products: { nodes: N[]; pageInfo?: { endCursor: string | null } } };
}

/** `pageInfo` of a keyset page as a query selecting `hasNextPage endCursor` gets it. */
export interface PageInfoView {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** What the federation `_entities` query answers: one entry per representation, null for one catalog cannot resolve. */
export interface Entities<T> {
  _entities: Array<T | null>;
}

/** The shop's out-of-stock action list and its count; `N` is the node selection. */
export interface OutOfStockListView<N = { skuId: string }> {
  shop: { outOfStockSkuCount: number; outOfStockSkus: { nodes: N[] } };
}

/** The shop's warehouses; `W` is the selection. */
export interface ShopWarehousesView<W = { id: string }> {
  shop: { warehouses: W[] };
}

/** A SKU's stock in one warehouse, as `skuId warehouseId onHand reserved committed damaged qualityControl safetyStock available version` selects it. */
export interface StockLevelView {
  skuId: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
  committed: number;
  damaged: number;
  qualityControl: number;
  safetyStock: number;
  available: number;
  version: number;
}

/** One shop-local day of storefront traffic (`date visitors pageViews`). */
export interface TrafficDayView {
  date: string;
  visitors: number;
  pageViews: number;
}

/** A row of `inventory_levels` as the inventory spec reads it (all int columns). */
export interface InventoryLevelRow {
  on_hand: number;
  reserved: number;
  committed: number;
  damaged: number;
  quality_control: number;
  safety_stock: number;
}

/** The row of a `SELECT count(*)::int AS n ...`. */
export interface CountRow {
  n: number;
}

export const PRODUCT_FIELDS = 'id status title hasPendingRevision failedReasons { position reasons suggestions } statusReason';
export const CREATE = `mutation($input: CreateProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} skus { id } } }`;
export const EDIT = `mutation($input: EditProductInput!) { editProduct(input: $input) { ${PRODUCT_FIELDS} latestRevision { revisionNo reviewStatus changedFields title } } }`;
export const SUBMIT = `mutation($input: ProductCommandInput!) { submitProductForReview(input: $input) { ${PRODUCT_FIELDS} } }`;
export const APPROVE = `mutation($input: ProductCommandInput!) { approveProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
export const REJECT = `mutation($input: RejectProductInput!) { rejectProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
export const PLATFORM_DEACTIVATE = `mutation($input: PlatformProductActionInput!) { platformDeactivateProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
export const FREEZE = `mutation($input: PlatformProductActionInput!) { freezeProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
export const PRICES = `mutation($input: UpdateSkuPricesInput!) { updateSkuPrices(input: $input) { id skus { id price { amountMinor } listPrice { amountMinor } } } }`;
export const ADJUST = `mutation($input: AdjustInventoryInput!) { adjustInventory(input: $input) { available } }`;
export const THRESHOLD = `mutation($input: SetOutOfStockThresholdInput!) { setOutOfStockThreshold(input: $input) { outOfStock } }`;
export const bulk = (name: BulkAction) => `mutation($input: BulkProductsInput!) { ${name}(input: $input) { productId ok error { code message } } }`;

export interface CreateProductResult {
  createProduct: ProductView & { skus: Array<{ id: string }> };
}
export interface EditProductResult {
  editProduct: ProductView & { latestRevision: RevisionView | null };
}
export type SubmitResult = { submitProductForReview: ProductView };
export type ApproveResult = { approveProduct: ProductView };
export type RejectResult = { rejectProduct: ProductView };
export type PlatformDeactivateResult = { platformDeactivateProduct: ProductView };
export type FreezeResult = { freezeProduct: ProductView };
export interface PricesResult {
  updateSkuPrices: { id: string; skus: Array<{ id: string; price: MoneyView; listPrice: MoneyView | null }> };
}
export type AdjustResult = { adjustInventory: { available: number } };
export type ThresholdResult = { setOutOfStockThreshold: { outOfStock: boolean } };

/** The product's status as stored. */
export async function statusOf(db: Client, productId: string): Promise<ProductStatusName> {
  return (await db.query<{ status: ProductStatusName }>('SELECT status FROM products WHERE id = $1', [productId])).rows[0].status;
}

/** The id of the seller's default warehouse (registerShop opens it). */
export async function defaultWarehouseOf(db: Client, sellerId: string): Promise<string> {
  return (await db.query<{ id: string }>('SELECT id FROM warehouses WHERE seller_id = $1 AND is_default', [sellerId])).rows[0].id;
}

/** Row counts (and the sum of product versions) of everything a product command writes, to prove a refused one wrote nothing. */
export async function writeCounts(db: Client): Promise<Record<'p' | 's' | 'r' | 'v' | 'o' | 'k', string>> {
  return (
    await db.query<Record<'p' | 's' | 'r' | 'v' | 'o' | 'k', string>>(
      `SELECT (SELECT count(*) FROM products) p, (SELECT count(*) FROM skus) s, (SELECT count(*) FROM product_revisions) r,
        (SELECT coalesce(sum(version), 0) FROM products) v, (SELECT count(*) FROM outbox) o, (SELECT count(*) FROM idempotency_keys) k`,
    )
  ).rows[0];
}

/** The `product.status_changed` events catalog appended for a product, oldest first: [from, to, sellable, aggregate version]. */
export async function statusChangesOf(db: Client, productId: string): Promise<Array<[ProductStatusName, ProductStatusName, boolean, number]>> {
  const events = await outboxEvents<ProductStatusChangedV1>(db, { key: productId, type: 'product.status_changed' });
  return events.map((e) => [e.payload.from, e.payload.to, e.payload.sellable, e.aggregateVersion]);
}

/** The `sku.price_changed` events catalog appended for a product, oldest first. */
export async function priceChangesOf(db: Client, productId: string) {
  const events = await outboxEvents<SkuPriceChangedV1>(db, { key: productId, type: 'sku.price_changed' });
  return events.map((e) => ({ ...e.payload, aggregateVersion: e.aggregateVersion }));
}
