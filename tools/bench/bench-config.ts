import { DatasetShape, SHAPES } from './dataset/shape';
import { PhaseConfig } from './workloads/measure';

/**
 * Run options from the environment: BENCH_SCALE=small|full (data set), BENCH_QUICK=1 (short phases, one
 * throughput search: its ratios are not comparable with a full run's), BENCH_SEARCHES (full runs: 3).
 */
export interface BenchConfig {
  shape: DatasetShape;
  quick: boolean;
  phases: PhaseConfig;
  /** Placement workload: the rates it runs at in turn (orders per second), duration and settle time of each. */
  placement: { rates: number[]; durationS: number; settleMs: number };
  /** Write capacity: closed-loop placement at each of these concurrencies, for durationS each. */
  placementCapacity: { connections: number[]; durationS: number };
  calibrationS: number;
  /** Passes over the analyst corpus of the paired plan-cache probe. */
  planProbePasses: number;
  /**
   * BENCH_ONLY=dashboard,placement: run only the parts whose key starts with one of these (workload keys,
   * `control`, `plan-probe`, `placement`, `placement-capacity`). For development; the full run is the one that reports every target.
   */
  only: string[] | null;
}

/** Whether a part of the run is selected by BENCH_ONLY. */
export const selected = (config: Pick<BenchConfig, 'only'>, key: string): boolean => !config.only || config.only.some((prefix) => key.startsWith(prefix));

export function benchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const scale = env.BENCH_SCALE === 'small' ? 'small' : 'full';
  const quick = env.BENCH_QUICK === '1' || env.BENCH_QUICK === 'true';
  const p99TargetMs = Number(env.BENCH_P99_TARGET_MS ?? 100);
  return {
    shape: SHAPES[scale],
    quick,
    phases: quick
      ? { c1S: 2, fixedS: 2, stepS: 2, maxSteps: 3, searches: 1, repeatSteps: 0, warmupRequests: 10, p99TargetMs }
      : { c1S: 3, fixedS: 3, stepS: 2, maxSteps: 4, searches: Number(env.BENCH_SEARCHES ?? 3), repeatSteps: 3, warmupRequests: 20, p99TargetMs },
    placement: {
      ...(quick ? { durationS: 4, settleMs: 10_000 } : { durationS: 15, settleMs: 15_000 }),
      rates: (env.BENCH_PLACEMENT_RATE ?? (quick ? '10' : '5,10'))
        .split(',')
        .map(Number)
        .filter((rate) => rate > 0),
    },
    placementCapacity: quick ? { connections: [100, 1000], durationS: 3 } : { connections: [25, 100, 500, 1000], durationS: 6 },
    calibrationS: quick ? 2 : 3,
    planProbePasses: quick ? 1 : 3,
    only: env.BENCH_ONLY
      ? env.BENCH_ONLY.split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : null,
  };
}
