import { medianRate, rateSpread } from './measure';

describe('throughput of repeated searches', () => {
  it('reports the median of the searches that found a rate (the lower middle of an even count)', () => {
    expect(medianRate([120, 80, 100])).toBe(100);
    expect(medianRate([120, null, 80])).toBe(80);
    expect(medianRate([90, 110, 100, 300])).toBe(100);
    expect(medianRate([null, null])).toBeNull();
  });

  it('gives the spread as (max − min) ÷ median, and none with fewer than two rates', () => {
    expect(rateSpread([80, 100, 120])).toBeCloseTo(0.4);
    expect(rateSpread([100, 100, 100])).toBe(0);
    expect(rateSpread([100, null, null])).toBeNull();
  });
});
