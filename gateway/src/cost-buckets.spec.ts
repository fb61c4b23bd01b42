import { CostBuckets } from './cost-buckets';

describe('CostBuckets', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('lets a caller spend its capacity, refuses what it cannot afford with the wait, and restores points over time', () => {
    const buckets = new CostBuckets({ capacity: 100, restorePerSecond: 10, maxEntries: 10 }, clock);
    expect(buckets.spend('a', 60)).toEqual({ allowed: true, status: { maximumAvailable: 100, currentlyAvailable: 40, restoreRate: 10 } });
    expect(buckets.spend('a', 50)).toEqual({
      allowed: false,
      status: { maximumAvailable: 100, currentlyAvailable: 40, restoreRate: 10 },
      retryAfterSeconds: 1,
    });
    // Another caller has its own budget.
    expect(buckets.spend('b', 100).allowed).toBe(true);
    now += 1000;
    expect(buckets.spend('a', 50)).toMatchObject({ allowed: true, status: { currentlyAvailable: 0 } });
    now += 60_000;
    expect(buckets.spend('a', 0).status.currentlyAvailable).toBe(100); // never above the capacity
  });

  it('runs an operation costlier than a full bucket only on a full bucket', () => {
    const buckets = new CostBuckets({ capacity: 100, restorePerSecond: 10, maxEntries: 10 }, clock);
    expect(buckets.spend('c', 500)).toMatchObject({ allowed: true, status: { currentlyAvailable: 0 } });
    const refused = buckets.spend('c', 500);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
    now += 10_000;
    expect(buckets.spend('c', 500).allowed).toBe(true);
  });

  it('forgets the least recently seen caller beyond maxEntries (who then starts full again)', () => {
    const buckets = new CostBuckets({ capacity: 10, restorePerSecond: 1, maxEntries: 2 }, clock);
    buckets.spend('x', 10);
    buckets.spend('y', 10);
    buckets.spend('x', 0); // x is now the most recently seen
    buckets.spend('z', 10); // evicts y
    expect(buckets.spend('x', 1).allowed).toBe(false);
    expect(buckets.spend('y', 10).allowed).toBe(true);
  });
});
