import { SalesRangePreset, addDays, eachDay, localDay, resolveRange } from './day-range';

describe('localDay', () => {
  it('buckets instants around local midnight into the shop day', () => {
    // New York is UTC-5 in January: 04:59:59Z is still the previous day there.
    expect(localDay(new Date('2026-01-16T04:59:59Z'), 'America/New_York')).toBe('2026-01-15');
    expect(localDay(new Date('2026-01-16T05:00:00Z'), 'America/New_York')).toBe('2026-01-16');
    expect(localDay(new Date('2026-01-15T16:00:00Z'), 'Asia/Tokyo')).toBe('2026-01-16');
    expect(localDay(new Date('2026-01-15T23:59:59Z'), 'UTC')).toBe('2026-01-15');
    expect(localDay(new Date('2026-01-15T18:29:59Z'), 'Asia/Kolkata')).toBe('2026-01-15'); // +05:30
    expect(localDay(new Date('2026-01-15T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-01-16');
  });

  it('follows daylight saving time changes', () => {
    // 2026-03-08: New York springs forward; midnight of the 9th is 04:00Z (EDT, UTC-4), not 05:00Z.
    expect(localDay(new Date('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDay(new Date('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    // 2026-11-01: falls back; midnight of the 2nd is 05:00Z again.
    expect(localDay(new Date('2026-11-02T04:59:59Z'), 'America/New_York')).toBe('2026-11-01');
    expect(localDay(new Date('2026-11-02T05:00:00Z'), 'America/New_York')).toBe('2026-11-02');
  });
});

describe('resolveRange', () => {
  const now = new Date('2026-03-10T03:00:00Z'); // 2026-03-09 23:00 in New York

  it('ends LAST_7_DAYS yesterday in the shop time zone and compares with the 7 days before', () => {
    expect(resolveRange({ preset: SalesRangePreset.LAST_7_DAYS }, now, 'America/New_York')).toEqual({
      current: { from: '2026-03-02', to: '2026-03-08' },
      previous: { from: '2026-02-23', to: '2026-03-01' },
      days: 7,
    });
    expect(resolveRange({ preset: SalesRangePreset.LAST_7_DAYS }, now, 'UTC')).toMatchObject({ current: { from: '2026-03-03', to: '2026-03-09' } });
  });

  it('covers TODAY, LAST_30_DAYS and CUSTOM ranges', () => {
    expect(resolveRange({ preset: SalesRangePreset.TODAY }, now, 'America/New_York')).toEqual({
      current: { from: '2026-03-09', to: '2026-03-09' },
      previous: { from: '2026-03-08', to: '2026-03-08' },
      days: 1,
    });
    expect(resolveRange({ preset: SalesRangePreset.LAST_30_DAYS }, now, 'UTC')).toMatchObject({ current: { from: '2026-02-08', to: '2026-03-09' }, days: 30 });
    expect(resolveRange({ preset: SalesRangePreset.CUSTOM, from: '2026-02-27', to: '2026-03-01' }, now, 'UTC')).toEqual({
      current: { from: '2026-02-27', to: '2026-03-01' },
      previous: { from: '2026-02-24', to: '2026-02-26' },
      days: 3,
    });
  });

  it('reports every problem with a custom range', () => {
    expect(resolveRange({ preset: SalesRangePreset.CUSTOM, from: '2026-02-30', to: null }, now, 'UTC')).toEqual([
      { field: 'range.from', message: 'must be a date YYYY-MM-DD' },
      { field: 'range.to', message: 'must be a date YYYY-MM-DD' },
    ]);
    expect(resolveRange({ preset: SalesRangePreset.CUSTOM, from: '2026-03-02', to: '2026-03-01' }, now, 'UTC')).toEqual([
      { field: 'range.to', message: 'must not be before range.from' },
    ]);
    expect(resolveRange({ preset: SalesRangePreset.CUSTOM, from: '2024-01-01', to: '2026-01-01' }, now, 'UTC')).toHaveLength(1);
    expect(resolveRange({ preset: SalesRangePreset.TODAY, from: '2026-03-01' }, now, 'UTC')).toHaveLength(1);
  });

  it('walks days across month ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(eachDay({ from: '2026-02-27', to: '2026-03-01' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('lists every calendar day the way addDays steps, across leap days, century rules and year ends', () => {
    for (const from of ['2023-12-20', '2024-02-25', '1999-12-31', '2100-02-27', '2000-02-27']) {
      const expected = Array.from({ length: 400 }, (_, i) => addDays(from, i));
      expect(eachDay({ from, to: expected[expected.length - 1] })).toEqual(expected);
    }
    expect(eachDay({ from: '2026-03-01', to: '2026-03-01' })).toEqual(['2026-03-01']);
  });
});
