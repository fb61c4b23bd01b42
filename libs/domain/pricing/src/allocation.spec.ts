import { allocate } from './allocation';

const sum = (parts: bigint[]) => parts.reduce((a, b) => a + b, 0n);

describe('largest-remainder allocation', () => {
  it('splits 10% of 3 × 3333 across three equal lines exactly', () => {
    const parts = allocate(1000n, [3333n, 3333n, 3333n]);
    expect(parts).toEqual([334n, 333n, 333n]);
    expect(sum(parts)).toBe(1000n);
  });

  it('gives leftovers to the largest remainders, not the first line', () => {
    // Exact shares 0.5, 1.5… : 7 over weights 1,2,4 → 1, 2, 4.
    expect(allocate(7n, [1n, 2n, 4n])).toEqual([1n, 2n, 4n]);
    // 100 over 1,1,1,1,1,1,1 (7 parts): 14 each, 2 left for the first two.
    expect(allocate(100n, [1n, 1n, 1n, 1n, 1n, 1n, 1n])).toEqual([15n, 15n, 14n, 14n, 14n, 14n, 14n]);
    // 10 over 33, 33, 34: shares 3.3, 3.3, 3.4 → the 34 line takes the extra unit.
    expect(allocate(10n, [33n, 33n, 34n])).toEqual([3n, 3n, 4n]);
  });

  it('sums exactly for awkward amounts beyond 2^53', () => {
    const weights = [9007199254740993n, 1n, 7n, 123456789012345678n];
    const parts = allocate(999999999999999999n, weights);
    expect(sum(parts)).toBe(999999999999999999n);
  });

  it('handles zero totals, zero weights and a single part', () => {
    expect(allocate(0n, [5n, 7n])).toEqual([0n, 0n]);
    expect(allocate(5n, [0n, 0n])).toEqual([3n, 2n]);
    expect(allocate(499n, [12n])).toEqual([499n]);
    expect(allocate(0n, [])).toEqual([]);
  });

  it('refuses negative amounts and weights', () => {
    expect(() => allocate(-1n, [1n])).toThrow();
    expect(() => allocate(1n, [-1n, 2n])).toThrow();
    expect(() => allocate(1n, [])).toThrow();
  });
});
