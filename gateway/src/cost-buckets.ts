/** The budget of one caller, as reported to it in `extensions.cost.throttleStatus` (Shopify's shape). */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface CostBucketLimits {
  /** Points a caller can spend at once (a full bucket). */
  capacity: number;
  /** Points given back per second, up to the capacity. */
  restorePerSecond: number;
  /** Callers remembered; the least recently seen is forgotten first (and comes back with a full bucket). */
  maxEntries: number;
}

export type Spend = { allowed: true; status: ThrottleStatus } | { allowed: false; status: ThrottleStatus; retryAfterSeconds: number };

interface Bucket {
  points: number;
  at: number;
}

/**
 * Leaky-bucket rate limits per caller, charged by the calculated cost of each operation (operation-cost.ts):
 * a caller may spend up to `capacity` points at once and gets `restorePerSecond` back each second. An operation
 * costlier than a full bucket runs only on a full bucket (and empties it), so no operation is refused forever.
 * The clock is injected: tests move it instead of waiting.
 */
export class CostBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: CostBucketLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Charges `cost` to `caller` if its bucket holds enough; otherwise charges nothing and says when to retry. */
  spend(caller: string, cost: number): Spend {
    const now = this.now();
    const bucket = this.refilled(caller, now);
    const needed = Math.min(cost, this.limits.capacity);
    if (bucket.points + 1e-9 < needed) {
      const retryAfterSeconds = Math.max(1, Math.ceil((needed - bucket.points) / this.limits.restorePerSecond));
      return { allowed: false, status: this.statusOf(bucket), retryAfterSeconds };
    }
    bucket.points = Math.max(0, bucket.points - cost);
    return { allowed: true, status: this.statusOf(bucket) };
  }

  private refilled(caller: string, now: number): Bucket {
    const known = this.buckets.get(caller);
    const bucket = known ?? { points: this.limits.capacity, at: now };
    if (known) {
      bucket.points = Math.min(this.limits.capacity, bucket.points + (Math.max(0, now - bucket.at) / 1000) * this.limits.restorePerSecond);
      bucket.at = now;
      this.buckets.delete(caller); // re-inserted below: Map order is the LRU order
    }
    this.buckets.set(caller, bucket);
    if (this.buckets.size > this.limits.maxEntries) this.buckets.delete(this.buckets.keys().next().value!);
    return bucket;
  }

  private statusOf(bucket: Bucket): ThrottleStatus {
    return { maximumAvailable: this.limits.capacity, currentlyAvailable: Math.floor(bucket.points), restoreRate: this.limits.restorePerSecond };
  }
}
