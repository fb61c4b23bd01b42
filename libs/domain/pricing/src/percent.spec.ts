import { percentOf } from './percent';

describe('percentOf', () => {
  it('rounds half to even', () => {
    expect(percentOf(3333n, 1000)).toBe(333n); // 333.3
    expect(percentOf(5n, 1000)).toBe(0n); // 0.5 → 0 (even)
    expect(percentOf(15n, 1000)).toBe(2n); // 1.5 → 2 (even)
    expect(percentOf(25n, 1000)).toBe(2n); // 2.5 → 2 (even)
    expect(percentOf(27n, 1000)).toBe(3n); // 2.7
    expect(percentOf(10_000n, 2000)).toBe(2000n);
  });

  it('refuses basis points that are not whole and non-negative', () => {
    expect(() => percentOf(100n, 1.5)).toThrow();
    expect(() => percentOf(100n, -1)).toThrow();
  });
});
