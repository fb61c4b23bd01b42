import { Client } from 'pg';
import { Identity } from '@sc/auth';
import { EventEnvelope } from '@sc/events';
import { LiveProduct, OrderFixture, TestStack, eventually, outboxEvents, publishRaw } from '@sc/testing';

// Orders' side of catalog's e2e specs, as typed event fixtures: catalog runs alone and is told about
// orders (placed, paid, shipped, cancelled) exactly as orders would tell it, over Kafka. Orders' own
// reactions to catalog (sellability, prices) are tested across services in gateway/test/flows.

/**
 * The order events catalog consumes (services/catalog/src/inventory/inventory-event.handlers.ts). Catalog
 * ignores the others (order.status_changed, order.confirmed) without an inbox row, so only these are waited for.
 */
const CONSUMED_BY_CATALOG = new Set(['order.placed', 'order.paid', 'package.shipped', 'order.cancelled', 'order.lines_cancelled']);

/** A fixture order of `quantity` units of the product's first SKU (or of `skuId`), from `buyer` to `seller`'s shop. */
export function orderOf(seller: Identity, buyer: Identity, product: LiveProduct, options: { skuId?: string; quantity?: number } = {}): OrderFixture {
  return new OrderFixture(seller, buyer, {
    lines: [{ skuId: options.skuId ?? product.skuIds[0], productId: product.productId, quantity: options.quantity ?? 1 }],
  });
}

/** Publishes orders' events (as an OrderFixture step returned them) and waits until catalog has applied every one it consumes. */
export async function feedOrderEvents(stack: TestStack, catalogDb: Client, events: EventEnvelope[]): Promise<void> {
  await publishRaw(stack.settings, 'orders.order.v1', events);
  const ids = events.filter((e) => CONSUMED_BY_CATALOG.has(e.type)).map((e) => e.id);
  await eventually(
    async () => (await catalogDb.query<{ n: number }>('SELECT count(*)::int AS n FROM inbox WHERE event_id = ANY($1)', [ids])).rows[0].n,
    (n) => n === ids.length,
  );
}

/** The types of the inventory events catalog appended for an order (its replies to orders), oldest first. */
export async function inventoryRepliesOf(catalogDb: Client, orderId: string): Promise<string[]> {
  return (await outboxEvents(catalogDb, { key: orderId })).map((e) => e.type);
}
