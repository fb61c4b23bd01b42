import { randomUUID } from 'node:crypto';
import { createKafka, physicalTopic } from '@sc/messaging';
import { StackSettings } from '@sc/stack';
import { CpuMeter } from '../load/cpu';
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
  const reservedAt = new Map<string, { occurred: number; observed: number }>();
  const acks = new Map<string, number>();
  let failedReservations = 0;
  await consumer.connect();
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.subscribe({ topics: [physicalTopic(settings, 'orders.order.v1'), physicalTopic(settings, 'catalog.inventory.v1')], fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const observed = Date.now();
      const event = JSON.parse(message.value?.toString() ?? '{}') as { type?: string; occurredAt?: string; payload?: { orderId?: string } };
      const orderId = event.payload?.orderId;
      if (!orderId || !event.occurredAt) return;
      if (event.type === 'order.placed') placedAt.set(orderId, Date.parse(event.occurredAt));
      else if (event.type === 'inventory.reserved') reservedAt.set(orderId, { occurred: Date.parse(event.occurredAt), observed });
      else if (event.type === 'inventory.reservation_failed') failedReservations += 1;
    },
  });
  await Promise.race([joined, new Promise((resolve) => setTimeout(resolve, 15_000))]);
  // A joined group still starts at the latest offset a moment later; give it that moment.
  await new Promise((resolve) => setTimeout(resolve, 1_000));

  let n = 0;
  const runId = randomUUID().slice(0, 8);
  const before = cpu?.snapshot();
  const load = await runLoad(
    {
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
      onBody: (body: string) => {
        const id = /"id":"(ord_[^"]+)"/.exec(body)?.[1];
        if (id) acks.set(id, Date.now());
      },
    },
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
  return {
    load,
    rate: options.rate,
    placed: acks.size,
    reserved: [...acks.keys()].filter((id) => reservedAt.has(id)).length,
    failedReservations,
    placedToReserved: summary(sagaLags),
    ackToReservedObserved: summary(observedLags),
    cpuMsPerRequest: before && after ? CpuMeter.perRequest(before, after, load.requests) : {},
  };
}
