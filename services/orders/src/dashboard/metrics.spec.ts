import { METRIC_DEFINITIONS, averageOrderValueMinor, conversionBasisPoints } from './metrics';

describe('dashboard metrics', () => {
  it('rounds the average order value half-up in minor units', () => {
    expect(averageOrderValueMinor(10n, 4)).toBe(3n); // 2.5 → 3
    expect(averageOrderValueMinor(10n, 3)).toBe(3n); // 3.33 → 3
    expect(averageOrderValueMinor(11n, 3)).toBe(4n); // 3.67 → 4
    expect(averageOrderValueMinor(9_007_199_254_740_993n, 1)).toBe(9_007_199_254_740_993n); // beyond 2^53
    expect(averageOrderValueMinor(0n, 2)).toBe(0n);
    expect(averageOrderValueMinor(100n, 0)).toBeNull();
  });

  it('expresses conversion in basis points, rounded half-up', () => {
    expect(conversionBasisPoints(1, 3)).toBe(3333);
    expect(conversionBasisPoints(2, 3)).toBe(6667);
    expect(conversionBasisPoints(1, 8)).toBe(1250);
    expect(conversionBasisPoints(1, 20_000)).toBe(1); // 0.5 bp → 1
    expect(conversionBasisPoints(3, 0)).toBeNull();
  });

  it('defines every metric', () => {
    expect(Object.keys(METRIC_DEFINITIONS).sort()).toEqual(['averageOrderValue', 'buyers', 'conversion', 'gmv', 'netSales', 'orders', 'refunds', 'visitors']);
  });
});
