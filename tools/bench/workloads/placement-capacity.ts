import { randomUUID } from 'node:crypto';
import { CpuMeter } from '../load/cpu';
import { runLoad } from '../load/run-load';
import { BIG_SHOP_ID } from '../dataset/shape';
import { PLACE_ORDER_MUTATION } from './queries';

/** One closed-loop step of the capacity run: `connections` clients placing orders back to back. */
export interface CapacityStep {
  connections: number;
  durationS: number;
  /** Orders placed (answered with an order) per second: the sustained capacity at this concurrency. */
  placedPerS: number;
  /** Answers OVERLOADED (refused before anything was written) per second. */
  refusedPerS: number;
  /** Answers that were neither (an error, a timeout, an unknown outcome): must be 0. */
  failed: number;
  /** Of every answer, placed and refused alike (refusals come at once), in ms. */
  p50: number;
  p99: number;
  max: number;
  firstError: string | null;
  /** CPU ms per placed order, per process (PostgreSQL and Kafka included when the meter sees them). */
  cpuMsPerPlacement: Record<string, number>;
}

/**
 * The write capacity through the gateway's admission control: clients place orders back to back at rising
 * concurrency (closed loop, one buyer, unique idempotency keys), past what the gateway admits at once. Every
 * answer must be an order or OVERLOADED; the figure is how many orders per second are placed while overloaded.
 */
export async function runPlacementCapacity(
  gatewayUrl: string,
  buyerToken: string,
  skuIds: string[],
  options: { connections: number[]; durationS: number },
  cpu: CpuMeter | null,
): Promise<CapacityStep[]> {
  const steps: CapacityStep[] = [];
  const runId = randomUUID().slice(0, 8);
  let n = 0;
  for (const connections of options.connections) {
    let placed = 0;
    let refused = 0;
    let failed = 0;
    let firstError: string | null = null;
    const before = cpu?.snapshot();
    const load = await runLoad(
      {
        url: gatewayUrl,
        next: () => {
          n += 1;
          const lines = [{ skuId: skuIds[n % skuIds.length], quantity: 1 }];
          return {
            body: JSON.stringify({
              query: PLACE_ORDER_MUTATION,
              variables: { input: { shopId: BIG_SHOP_ID, idempotencyKey: `capacity-${runId}-${n}`, lines } },
            }),
            headers: { authorization: `Bearer ${buyerToken}` },
          };
        },
        onBody: (body) => {
          if (body.includes('"placeOrder":{"id"')) placed += 1;
          else if (body.includes('"OVERLOADED"')) refused += 1;
          else {
            failed += 1;
            firstError ??= body.slice(0, 300);
          }
        },
      },
      { durationS: options.durationS, connections },
    );
    const after = cpu?.snapshot();
    steps.push({
      connections,
      durationS: options.durationS,
      placedPerS: Number((placed / options.durationS).toFixed(1)),
      refusedPerS: Number((refused / options.durationS).toFixed(1)),
      failed: failed + load.errors,
      p50: load.p50,
      p99: load.p99,
      max: load.max,
      firstError: firstError ?? (load.errors > 0 ? `${load.errors} connection errors or timeouts` : null),
      cpuMsPerPlacement: before && after ? CpuMeter.perRequest(before, after, placed) : {},
    });
  }
  return steps;
}
