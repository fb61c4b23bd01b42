import { randomUUID } from 'node:crypto';
import { createKafka, physicalTopic } from '@sc/messaging';
import { StackSettings, databaseUrlOf } from '@sc/stack';
import { CpuMeter } from '../load/cpu';
import { queryOnce } from '../stack/query-once';
import { LoadResult, runLoad } from '../load/run-load';
import { BIG_SHOP_ID } from '../dataset/shape';
import { PLACE_ORDER_MUTATION } from './queries';

/** Lag figures of the order saga, in ms. */
export interface PlacementReport {
  load: LoadResult;
  rate: number;
  placed: number;
  reserved: number;
  failedReservations: number;
  /** order.placed occurredAt (orders' commit) → inventory.reserved occurredAt (catalog's commit). */
  placedToReserved: { p50: number; p99: number; max: number };
  /** placeOrder response at the client → inventory.reserved seen by a consumer on catalog.inventory.v1. */
  ackToReservedObserved: { p50: number; p99: number; max: number };
  /**
   * The saga cut into hops, each from the same clock (one machine): placed (event created in orders' transaction)
   * → relay picked it up (orders outbox.published_at, the relay transaction's start) → on the broker (Kafka
   * CreateTime, set by the relay's producer) → catalog started applying it (inbox.processed_at, the consumer
   * transaction's start) → reserved (inventory.reserved occurredAt). The slowest orders' hops are listed too.
   */
  hops: Record<string, { p50: number; p99: number; max: number }>;
  slowest: Array<Record<string, number | string>>;
  cpuMsPerRequest: Record<string, number>;
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
const summary = (values: number[]) => ({ p50: pct(values, 50), p99: pct(values, 99), max: pct(values, 100) });

/**
 * Places orders through the gateway as a buyer at a steady rate (one or two lines of the big shop's SKUs, a
 * unique idempotency key each) while a consumer on the real broker matches order.placed and
 * inventory.reserved by order id.
 */
export async function runPlacement(
  settings: StackSettings,
  gatewayUrl: string,
  buyerToken: string,
  skuIds: string[],
  options: { rate: number; durationS: number; settleMs: number },
  cpu: CpuMeter | null,
): Promise<PlacementReport> {
  const kafka = createKafka({ brokers: settings.kafkaBrokers.split(','), clientId: 'bench-placement', topicPrefix: settings.topicPrefix });
  const consumer = kafka.consumer({ groupId: `bench-placement-${randomUUID()}` });
  const placedAt = new Map<string, number>();
  const placedEvent = new Map<string, { eventId: string; kafkaTimestamp: number }>();
  const reservedAt = new Map<string, { occurred: number; observed: number }>();
  const acks = new Map<string, number>();
  let failedReservations = 0;
  await consumer.connect();
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.subscribe({ topics: [physicalTopic(settings, 'orders.order.v1'), physicalTopic(settings, 'catalog.inventory.v1')], fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const observed = Date.now();
      const event = JSON.parse(message.value?.toString() ?? '{}') as { id?: string; type?: string; occurredAt?: string; payload?: { orderId?: string } };
      const orderId = event.payload?.orderId;
      if (!orderId || !event.occurredAt) return;
      if (event.type === 'order.placed') {
        placedAt.set(orderId, Date.parse(event.occurredAt));
        placedEvent.set(orderId, { eventId: event.id ?? '', kafkaTimestamp: Number(message.timestamp) });
      } else if (event.type === 'inventory.reserved') reservedAt.set(orderId, { occurred: Date.parse(event.occurredAt), observed });
      else if (event.type === 'inventory.reservation_failed') failedReservations += 1;
    },
  });
  await Promise.race([joined, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  // A joined group still starts at the latest offset a moment later; give it that moment.
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  let n = 0;
  const runId = randomUUID().slice(0, 8);
  const placing = (onBody?: (body: string) => void) => ({
    url: gatewayUrl,
    next: () => {
      n += 1;
      const lines = [{ skuId: skuIds[n % skuIds.length], quantity: 1 }];
      if (n % 3 === 0) lines.push({ skuId: skuIds[(n * 7 + 1) % skuIds.length], quantity: 1 });
      return {
        body: JSON.stringify({ query: PLACE_ORDER_MUTATION, variables: { input: { shopId: BIG_SHOP_ID, idempotencyKey: `bench-${runId}-${n}`, lines } } }),
        headers: { authorization: `Bearer ${buyerToken}` },
      };
    },
    onBody,
  });
  // Warm-up at the same rate, not counted: the first orders after start-up pay for cold JIT, pools and the
  // producers' and consumers' first round trips on every hop, which is not the steady state being measured.
  await runLoad(placing(), { durationS: Math.min(3, options.durationS), rate: options.rate });
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const before = cpu?.snapshot();
  const load = await runLoad(
    placing((body: string) => {
      const id = /"id":"(ord_[^"]+)"/.exec(body)?.[1];
      if (id) acks.set(id, Date.now());
    }),
    { durationS: options.durationS, rate: options.rate },
  );
  const after = cpu?.snapshot();
  const deadline = Date.now() + options.settleMs;
  while (Date.now() < deadline && [...acks.keys()].some((id) => !reservedAt.has(id))) await new Promise((resolve) => setTimeout(resolve, 100));
  await consumer.disconnect();

  const sagaLags: number[] = [];
  const observedLags: number[] = [];
  for (const [orderId, ack] of acks) {
    const reserved = reservedAt.get(orderId);
    if (!reserved) continue;
    const placed = placedAt.get(orderId);
    if (placed !== undefined) sagaLags.push(reserved.occurred - placed);
    observedLags.push(reserved.observed - ack);
  }
  const { hops, slowest } = await sagaHops(settings, acks, placedAt, placedEvent, reservedAt);
  return {
    load,
    rate: options.rate,
    hops,
    slowest,
    placed: acks.size,
    reserved: [...acks.keys()].filter((id) => reservedAt.has(id)).length,
    failedReservations,
    placedToReserved: summary(sagaLags),
    ackToReservedObserved: summary(observedLags),
    cpuMsPerRequest: before && after ? CpuMeter.perRequest(before, after, load.requests) : {},
  };
}

/** Splits each order's placed → reserved lag into the hops named on {@link PlacementReport.hops}. */
async function sagaHops(
  settings: StackSettings,
  acks: Map<string, number>,
  placedAt: Map<string, number>,
  placedEvent: Map<string, { eventId: string; kafkaTimestamp: number }>,
  reservedAt: Map<string, { occurred: number; observed: number }>,
): Promise<{ hops: PlacementReport['hops']; slowest: PlacementReport['slowest'] }> {
  const eventIds = [...acks.keys()].map((id) => placedEvent.get(id)?.eventId).filter((id): id is string => !!id);
  const published = await timesByEventId(
    databaseUrlOf(settings, 'orders'),
    `SELECT event_id::text AS id, published_at AS at FROM outbox WHERE event_id = ANY($1::uuid[])`,
    eventIds,
  );
  const applied = await timesByEventId(
    databaseUrlOf(settings, 'catalog'),
    `SELECT event_id::text AS id, processed_at AS at FROM inbox WHERE event_id = ANY($1::uuid[])`,
    eventIds,
  );
  const series: Record<string, number[]> = { toRelay: [], relayToBroker: [], brokerToConsumer: [], consumerToReserved: [] };
  const rows: Array<Record<string, number | string>> = [];
  for (const orderId of acks.keys()) {
    const placed = placedAt.get(orderId);
    const event = placedEvent.get(orderId);
    const reserved = reservedAt.get(orderId);
    const relayed = event && published.get(event.eventId);
    const consumed = event && applied.get(event.eventId);
    if (placed === undefined || !event || !reserved || relayed === undefined || consumed === undefined) continue;
    const row = {
      orderId,
      total: reserved.occurred - placed,
      toRelay: relayed - placed,
      relayToBroker: event.kafkaTimestamp - relayed,
      brokerToConsumer: consumed - event.kafkaTimestamp,
      consumerToReserved: reserved.occurred - consumed,
    };
    for (const key of Object.keys(series)) series[key].push(row[key as keyof typeof row] as number);
    rows.push(row);
  }
  const hops = Object.fromEntries(Object.entries(series).map(([key, values]) => [key, summary(values)]));
  const slowest = rows.sort((a, b) => (b.total as number) - (a.total as number)).slice(0, 8);
  return { hops, slowest };
}

async function timesByEventId(url: string, sql: string, ids: string[]): Promise<Map<string, number>> {
  const rows = await queryOnce<{ id: string; at: Date | null }>(url, sql, [ids]);
  return new Map(rows.filter((row) => row.at).map((row) => [row.id, (row.at as Date).getTime()]));
}
