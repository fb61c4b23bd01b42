import { createHash } from 'node:crypto';
import { EventEnvelope, PageViewedV1, createEvent } from '@sc/events';
import { createKafka, physicalTopic } from '@sc/messaging';
import { StackSettings } from '@sc/stack';
import { DEMO_SELLER } from './demo-identities';
import { GatewayClient } from './gateway-client';
import { DEMO_HISTORY_DAYS } from './demo-history';

/** A UUID derived from `seed`, so a second `npm start` republishes the same events and the inbox skips them. */
const stableUuid = (seed: string): string => {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** One storefront page view the demo seed publishes. */
export interface DemoPageView {
  /** Event id and correlation id: derived from product, UTC day and view number, so a rerun republishes the same events. */
  eventId: string;
  productId: string;
  visitorId: string;
  viewedAt: Date;
}

/** Distinct demo visitors: the storefront's regulars and passers-by over the months of history. */
export const DEMO_VISITORS = 160;

// Events per producer request: months of traffic are a few thousand events.
const BATCH = 500;

/**
 * The demo shop's storefront traffic: for today and each of the `days` before it (the days of the order
 * history), 4–12 views of each product, at whole days back from `now` (never ahead of it, so the last day is
 * today in any shop time zone), by visitors of a pool of {@link DEMO_VISITORS}. Deterministic for a given `now`.
 */
export function planDemoPageViews(productIds: readonly string[], now: Date, days = DEMO_HISTORY_DAYS): DemoPageView[] {
  const views: DemoPageView[] = [];
  for (let daysAgo = days; daysAgo >= 0; daysAgo -= 1) {
    const day = new Date(now.getTime() - daysAgo * 86_400_000);
    const dayKey = day.toISOString().slice(0, 10);
    productIds.forEach((productId, p) => {
      // A deterministic, uneven spread: some visitors view a product more than once a day, most days differ.
      const count = 4 + ((daysAgo * 7 + p * 5) % 9);
      for (let v = 0; v < count; v += 1) {
        const seed = `${productId}:${dayKey}:${v}`;
        views.push({
          eventId: stableUuid(seed),
          productId,
          visitorId: `demo-visitor-${(daysAgo * 37 + p * 11 + ((v * v + v) % 17) * 13) % DEMO_VISITORS}`,
          viewedAt: new Date(day.getTime() - v * 1_000),
        });
      }
    });
  }
  return views;
}

/**
 * Seeds storefront traffic for the demo shop ({@link planDemoPageViews}): `page.viewed` events for its products,
 * published straight to `storefront.traffic.v1` (the storefront is outside this system, so there is no
 * mutation to call), in batches. Catalog rolls them up into `Product.pageViews`, orders into the dashboard's
 * visitors and conversion. Resolves with the views it published.
 */
export async function seedDemoPageViews(
  settings: StackSettings,
  client: GatewayClient,
  log: (msg: string) => void,
  now = new Date(),
  days = DEMO_HISTORY_DAYS,
): Promise<DemoPageView[]> {
  const data = await client.run<{ shop: { products: { nodes: Array<{ id: string }> } } | null }>(
    DEMO_SELLER,
    `{ shop { products(first: 10) { nodes { id } } } }`,
  );
  const productIds = data.shop?.products.nodes.map((p) => p.id) ?? [];
  const views = planDemoPageViews(productIds, now, days);
  if (views.length === 0) return views;
  const events: Array<EventEnvelope<PageViewedV1>> = views.map(({ eventId, productId, visitorId, viewedAt }) => {
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
    return { ...event, id: eventId, correlationId: eventId };
  });
  const kafka = createKafka({ brokers: settings.kafkaBrokers.split(','), clientId: 'demo-storefront', topicPrefix: settings.topicPrefix });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    for (let i = 0; i < events.length; i += BATCH) {
      await producer.send({
        topic: physicalTopic(settings, 'storefront.traffic.v1'),
        acks: -1,
        messages: events.slice(i, i + BATCH).map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
      });
    }
  } finally {
    await producer.disconnect();
  }
  log(`published ${events.length} storefront page views over ${days + 1} days`);
  return views;
}
