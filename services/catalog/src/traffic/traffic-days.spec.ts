import { checkDayRange, daysBetween, fillSeries } from './traffic-days';

describe('traffic day ranges', () => {
  it('accepts an inclusive range and lists its days across a month end', () => {
    expect(checkDayRange('2026-01-30', '2026-02-02')).toEqual([]);
    expect(daysBetween('2026-01-30', '2026-02-02')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01', '2026-02-02']);
  });

  it('refuses malformed, impossible, reversed and over-long ranges', () => {
    expect(checkDayRange('2026-13-01', 'x').map((p) => p.field)).toEqual(['from', 'to']);
    expect(checkDayRange('2026-02-30', '2026-03-01').map((p) => p.field)).toEqual(['from']);
    expect(checkDayRange('2026-02-02', '2026-02-01').map((p) => p.field)).toEqual(['to']);
    expect(checkDayRange('2025-01-01', '2026-12-31').map((p) => p.field)).toEqual(['to']);
  });

  it('fills days without traffic with zeros', () => {
    expect(fillSeries('2026-01-01', '2026-01-02', [{ day: '2026-01-02', visitors: 2, pageViews: 3 }])).toEqual([
      { date: '2026-01-01', visitors: 0, pageViews: 0 },
      { date: '2026-01-02', visitors: 2, pageViews: 3 },
    ]);
  });
});
