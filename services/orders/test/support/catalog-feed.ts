import { Identity } from '@sc/auth';
import { EventEnvelope, OrderPlacedV1 } from '@sc/events';
import {
  FixtureSkuSpec,
  ProductFixture,
  TestStack,
  eventually,
  inventoryReservationFailedFixture,
  inventoryReservedFixture,
  liveProductFixture,
  outboxEvents,
  publishRaw,
  shopRegisteredFixture,
  waitForSellable,
  waitForShopInOrders,
} from '@sc/testing';

// Catalog's side of orders' e2e tests, as typed event fixtures: orders runs alone and is told about shops,
// products and reservations exactly as catalog would tell it, over Kafka. The stock saga with a real
// catalog is tested across services in gateway/test.

/** Announces `seller`'s shop (shop.registered) and waits until orders knows its currency and time zone. */
export async function announceShop(stack: TestStack, seller: Identity, shop: { name?: string; currencyCode?: string; timeZone?: string } = {}): Promise<void> {
  await publishRaw(stack.settings, 'catalog.product.v1', [shopRegisteredFixture(seller, shop)]);
  await waitForShopInOrders(await stack.db('orders'), seller.sellerId!);
}

/** Announces a live product of `seller` (created for review, then approved) and waits until its SKUs are sellable in orders. */
export async function announceLiveProduct(
  stack: TestStack,
  seller: Identity,
  product: { title?: string; skus?: FixtureSkuSpec[] } = {},
): Promise<ProductFixture> {
  const fixture = liveProductFixture(seller, product);
  await publishRaw(stack.settings, 'catalog.product.v1', fixture.events);
  await waitForSellable(await stack.db('orders'), fixture.skuIds);
  return fixture;
}

/** The `order.placed` orders appended to its outbox for `orderId` (what catalog would receive). */
export async function placedEventOf(stack: TestStack, orderId: string): Promise<EventEnvelope<OrderPlacedV1>> {
  const db = await stack.db('orders');
  const [placed] = await eventually(
    () => outboxEvents<OrderPlacedV1>(db, { key: orderId, type: 'order.placed' }),
    (events) => events.length === 1,
  );
  return placed;
}

/** Catalog's answer to an order: every line reserved (`inventory.reserved`, caused by its `order.placed`). */
export async function reserveStock(stack: TestStack, orderId: string): Promise<void> {
  const placed = await placedEventOf(stack, orderId);
  await publishRaw(stack.settings, 'catalog.inventory.v1', [inventoryReservedFixture(placed)]);
}

/** Catalog's answer to an order when it cannot reserve: `inventory.reservation_failed`, nothing held. */
export async function refuseStock(stack: TestStack, orderId: string, reason: 'INSUFFICIENT_STOCK' | 'UNKNOWN_SKU' = 'INSUFFICIENT_STOCK'): Promise<void> {
  const placed = await placedEventOf(stack, orderId);
  await publishRaw(stack.settings, 'catalog.inventory.v1', [inventoryReservationFailedFixture(placed, { reason })]);
}
