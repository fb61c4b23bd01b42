import { performance } from 'node:perf_hooks';
import { uniqueText } from './analyst-corpus';

/** Paired warm/cold latencies of the analyst corpus through one gateway, in ms. */
export interface PlanProbe {
  pairs: number;
  warmP50: number;
  coldP50: number;
  /** cold p50 − warm p50: what a query-plan (and parse/validate) cache miss adds. */
  missP50: number;
  /** Median of the per-query differences (cold − warm of the same query, back to back). */
  medianPairedDiff: number;
  errors: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.floor((sorted.length - 1) / 2)];
};

/**
 * Sequential, interleaved: each corpus query once warm (its plan cached by the priming pass), then the same
 * query with unique text (a plan-cache miss), back to back, so machine noise hits both sides alike.
 */
export async function planCacheProbe(url: string, headers: () => Record<string, string>, corpus: string[], passes: number): Promise<PlanProbe> {
  let errors = 0;
  let unique = 1_000_000;
  const send = async (query: string): Promise<number> => {
    const t0 = performance.now();
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers() }, body: JSON.stringify({ query }) });
    const text = await response.text();
    const elapsed = performance.now() - t0;
    if (response.status !== 200 || text.includes('"errors"')) errors += 1;
    return elapsed;
  };
  for (const query of corpus) await send(query);
  const warm: number[] = [];
  const cold: number[] = [];
  const diffs: number[] = [];
  for (let pass = 0; pass < passes; pass += 1) {
    for (const query of corpus) {
      const w = await send(query);
      const c = await send(uniqueText(query, (unique += 1)));
      warm.push(w);
      cold.push(c);
      diffs.push(c - w);
    }
  }
  const r = (v: number) => Number(v.toFixed(2));
  return {
    pairs: diffs.length,
    warmP50: r(median(warm)),
    coldP50: r(median(cold)),
    missP50: r(median(cold) - median(warm)),
    medianPairedDiff: r(median(diffs)),
    errors,
  };
}
