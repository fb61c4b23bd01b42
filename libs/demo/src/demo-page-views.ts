import { createHash } from 'node:crypto';
import { EventEnvelope, PageViewedV1, createEvent } from '@sc/events';
import { createKafka, physicalTopic } from '@sc/messaging';
import { StackSettings } from '@sc/stack';
import { DEMO_SELLER } from './demo-identities';
import { GatewayClient } from './gateway-client';

/** A UUID derived from `seed`, so a second `npm start` republishes the same events and the inbox skips them. */
const stableUuid = (seed: string): string => {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Seeds storefront traffic for the demo shop: `page.viewed` events for its products over the last
 * week, published straight to `storefront.traffic.v1` (the storefront is outside this system, so there
 * is no mutation to call). Catalog rolls them up into `Shop.visitors` and `Product.pageViews`.
 */
export async function seedDemoPageViews(settings: StackSettings, client: GatewayClient, log: (msg: string) => void, now = new Date()): Promise<void> {
  const data = await client.run<{ shop: { products: { nodes: Array<{ id: string }> } } | null }>(
    DEMO_SELLER,
    `{ shop { products(first: 10) { nodes { id } } } }`,
  );
  const productIds = data.shop?.products.nodes.map((p) => p.id) ?? [];
  if (productIds.length === 0) return;
  const events: Array<EventEnvelope<PageViewedV1>> = [];
  for (let daysAgo = 6; daysAgo >= 0; daysAgo -= 1) {
    // Whole days back from now, never ahead of it, so the last day is today in any shop time zone.
    const day = new Date(now.getTime() - daysAgo * 86_400_000);
    const dayKey = day.toISOString().slice(0, 10);
    productIds.forEach((productId, p) => {
      // A deterministic, uneven spread: some visitors view a product more than once a day.
      const views = 3 + ((daysAgo * 7 + p * 5) % 9);
      for (let v = 0; v < views; v += 1) {
        const visitorId = `demo-visitor-${(v * 3 + daysAgo + p) % 12}`;
        const seed = `${productId}:${dayKey}:${v}`;
        const viewedAt = new Date(day.getTime() - v * 1_000);
        const event = createEvent<PageViewedV1>({
          type: 'page.viewed',
          source: 'storefront',
          sellerId: DEMO_SELLER.sellerId!,
          aggregateType: 'Product',
          aggregateId: productId,
          actor: { type: 'BUYER', id: null },
          payload: { productId, visitorId, viewedAt: viewedAt.toISOString() },
          occurredAt: viewedAt,
        });
        events.push({ ...event, id: stableUuid(seed), correlationId: stableUuid(seed) });
      }
    });
  }
  const kafka = createKafka({ brokers: settings.kafkaBrokers.split(','), clientId: 'demo-storefront', topicPrefix: settings.topicPrefix });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({
      topic: physicalTopic(settings, 'storefront.traffic.v1'),
      acks: -1,
      messages: events.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    });
  } finally {
    await producer.disconnect();
  }
  log(`published ${events.length} storefront page views`);
}
