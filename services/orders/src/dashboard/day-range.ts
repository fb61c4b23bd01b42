import { FieldProblem } from '@sc/graphql';

/** Presets of the dashboard's date range. */
export enum SalesRangePreset {
  TODAY = 'TODAY',
  LAST_7_DAYS = 'LAST_7_DAYS',
  LAST_30_DAYS = 'LAST_30_DAYS',
  CUSTOM = 'CUSTOM',
}

/** A range of whole local days, both ends included, as `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** The requested range and the previous period of equal length that ends the day before it. */
export interface ResolvedRange {
  current: DayRange;
  previous: DayRange;
  days: number;
}

/** Longest custom range, so a summary reads a bounded number of rollup rows. */
export const MAX_RANGE_DAYS = 366;

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (`YYYY-MM-DD`) an instant falls on in an IANA time zone; DST-aware. */
export function localDay(instant: Date, timeZone: string): string {
  let format = formatters.get(timeZone);
  if (!format) {
    // en-CA formats dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format.format(instant);
}

/** The day `n` days after (or before, when negative) a `YYYY-MM-DD` day. */
export function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

/** Number of days from `from` to `to`, both included. */
export function daysInRange(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / DAY_MS) + 1;
}

/**
 * Every day of a range, oldest first. A year's range is listed on every dashboard request, so it counts
 * calendar days in integers instead of formatting a Date per day.
 */
export function eachDay(range: DayRange): string[] {
  const days: string[] = [];
  const count = daysInRange(range);
  let [year, month, day] = range.from.split('-').map(Number);
  for (let i = 0; i < count; i += 1) {
    days.push(`${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`);
    if (day < daysInMonth(year, month)) day += 1;
    else if (month < 12) [month, day] = [month + 1, 1];
    else [year, month, day] = [year + 1, 1, 1];
  }
  return days;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const isDay = (value: string | null | undefined): value is string =>
  !!value &&
  /^\d{4}-\d{2}-\d{2}$/.test(value) &&
  !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/**
 * The local days of a dashboard range. LAST_7_DAYS / LAST_30_DAYS are full days ending yesterday in the
 * shop's time zone (today is still incomplete); TODAY is today so far; CUSTOM takes `from`..`to`
 * inclusive. The previous period has the same length and ends the day before `from`.
 */
export function resolveRange(
  input: { preset: SalesRangePreset; from?: string | null; to?: string | null },
  now: Date,
  timeZone: string,
): ResolvedRange | FieldProblem[] {
  const today = localDay(now, timeZone);
  let current: DayRange;
  if (input.preset === SalesRangePreset.CUSTOM) {
    const problems: FieldProblem[] = [];
    if (!isDay(input.from)) problems.push({ field: 'range.from', message: 'must be a date YYYY-MM-DD' });
    if (!isDay(input.to)) problems.push({ field: 'range.to', message: 'must be a date YYYY-MM-DD' });
    if (problems.length > 0) return problems;
    current = { from: input.from!, to: input.to! };
    if (current.from > current.to) return [{ field: 'range.to', message: 'must not be before range.from' }];
    if (daysInRange(current) > MAX_RANGE_DAYS) return [{ field: 'range', message: `must span at most ${MAX_RANGE_DAYS} days` }];
  } else {
    if (input.from != null || input.to != null) {
      return [{ field: 'range', message: 'from and to are only allowed with preset CUSTOM' }];
    }
    const length = input.preset === SalesRangePreset.TODAY ? 1 : input.preset === SalesRangePreset.LAST_7_DAYS ? 7 : 30;
    const end = input.preset === SalesRangePreset.TODAY ? today : addDays(today, -1);
    current = { from: addDays(end, -(length - 1)), to: end };
  }
  const days = daysInRange(current);
  return { current, previous: { from: addDays(current.from, -days), to: addDays(current.from, -1) }, days };
}
