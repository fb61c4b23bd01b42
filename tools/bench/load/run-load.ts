import autocannon from 'autocannon';

/** One HTTP request of a workload: a POST body and headers, built fresh for every request. */
export interface BenchRequest {
  body: string;
  headers: Record<string, string>;
}

/** Where to send requests and how to build each one. */
export interface LoadTarget {
  url: string;
  next: () => BenchRequest;
  /** Sees every response body (e.g. to note the ids of created orders). */
  onBody?: (body: string) => void;
}

/** Latency figures in ms (from each response's own timing, not rounded) and outcome counts of one run. */
export interface LoadResult {
  mode: string;
  connections: number;
  targetRate: number | null;
  durationS: number;
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** autocannon's own p99 (whole ms, its coordinated-omission correction; worst instance), for reference only. */
  correctedP99: number | null;
  errors: number;
  non2xx: number;
  /** 200 responses that carried GraphQL `errors`. */
  graphqlErrors: number;
  firstError: string | null;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

const round = (value: number): number => Number(value.toFixed(2));

interface Tally {
  latencies: number[];
  graphqlErrors: number;
  firstError: string | null;
}

/** One autocannon instance; its responses land in the shared tally. */
function runInstance(target: LoadTarget, tally: Tally, options: { durationS: number; connections: number; rate: number | null }): Promise<any> {
  const url = new URL(target.url);
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        connections: options.connections,
        duration: options.durationS,
        ...(options.rate ? { overallRate: options.rate } : {}),
        timeout: 10,
        requests: [
          {
            method: 'POST',
            path: url.pathname,
            setupRequest: (request: Record<string, unknown>) => {
              const { body, headers } = target.next();
              return { ...request, method: 'POST', path: url.pathname, body, headers: { 'content-type': 'application/json', ...headers } };
            },
            onResponse: (status: number, body: string) => {
              target.onBody?.(body);
              if (status === 200 && body.includes('"errors"')) {
                tally.graphqlErrors += 1;
                tally.firstError ??= body.slice(0, 400);
              } else if (status !== 200) {
                tally.firstError ??= `HTTP ${status}: ${body.slice(0, 400)}`;
              }
            },
          },
        ],
      },
      (error: Error | null, result: any) => (error ? reject(error) : resolve(result)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => tally.latencies.push(responseTime));
  });
}

/** Most one-connection instances an open-loop run is spread over. */
const MAX_INSTANCES = 50;

/**
 * Runs autocannon against `target`: closed loop with `connections` when `rate` is null; otherwise open loop at
 * `rate` requests/s. autocannon's rate limit is a per-connection budget per second that a connection spends
 * back to back (and a connection given a budget of 0 runs unlimited), so an open-loop run is spread over up to
 * 50 one-connection instances whose seconds start evenly staggered: arrivals come in small, evenly spaced groups
 * instead of one burst per second. A run that cannot keep up falls short of its rate (checked by callers).
 */
export async function runLoad(target: LoadTarget, options: { durationS: number; connections?: number; rate?: number | null }): Promise<LoadResult> {
  const rate = options.rate ? Math.max(1, Math.round(options.rate)) : null;
  // autocannon's overallRate is a budget per whole second, each spent from the start of its second: a 2.5 s
  // run would send three budgets, the last one crammed into half a second. Open-loop runs last whole seconds.
  const durationS = rate ? Math.max(1, Math.ceil(options.durationS)) : options.durationS;
  const tally: Tally = { latencies: [], graphqlErrors: 0, firstError: null };
  let results: any[];
  let connections: number;
  if (!rate) {
    connections = options.connections ?? 1;
    results = [await runInstance(target, tally, { durationS, connections, rate: null })];
  } else {
    const instances = Math.min(rate, MAX_INSTANCES);
    connections = instances;
    results = await Promise.all(
      Array.from({ length: instances }, async (_, i) => {
        const share = Math.floor(rate / instances) + (i < rate % instances ? 1 : 0);
        await new Promise((resolve) => setTimeout(resolve, (i * 1000) / instances));
        return runInstance(target, tally, { durationS, connections: 1, rate: share });
      }),
    );
  }
  const latencies = tally.latencies.sort((a, b) => a - b);
  const sum = (pick: (r: any) => number) => results.reduce((acc, r) => acc + (pick(r) ?? 0), 0);
  return {
    mode: rate ? 'open' : 'closed',
    connections,
    targetRate: rate,
    durationS,
    requests: latencies.length,
    rps: round(latencies.length / durationS),
    p50: round(percentile(latencies, 50)),
    p90: round(percentile(latencies, 90)),
    p99: round(percentile(latencies, 99)),
    max: round(latencies[latencies.length - 1] ?? NaN),
    correctedP99: rate ? Math.max(...results.map((r) => r.latency?.p99 ?? 0)) : null,
    errors: sum((r) => r.errors),
    non2xx: sum((r) => r.non2xx),
    graphqlErrors: tally.graphqlErrors,
    firstError: tally.firstError,
  };
}

/** True when a run had no failure of any kind. */
export const clean = (r: LoadResult): boolean => r.errors === 0 && r.non2xx === 0 && r.graphqlErrors === 0 && r.requests > 0;
