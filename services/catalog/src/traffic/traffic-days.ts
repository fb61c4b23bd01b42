import { FieldProblem } from '@sc/graphql';

/** Longest range a traffic series may cover. */
export const MAX_TRAFFIC_DAYS = 366;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const parseDay = (value: string): number | null => {
  if (!DATE.test(value)) return null;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? null : ms;
};

/** Problems with a from/to pair of calendar dates (inclusive, at most {@link MAX_TRAFFIC_DAYS}). */
export function checkDayRange(from: string, to: string): FieldProblem[] {
  const start = parseDay(from);
  const end = parseDay(to);
  const problems: FieldProblem[] = [];
  if (start === null) problems.push({ field: 'from', message: 'must be a date YYYY-MM-DD' });
  if (end === null) problems.push({ field: 'to', message: 'must be a date YYYY-MM-DD' });
  if (start !== null && end !== null) {
    if (end < start) problems.push({ field: 'to', message: 'must not be before from' });
    else if ((end - start) / 86_400_000 + 1 > MAX_TRAFFIC_DAYS) problems.push({ field: 'to', message: `range must cover at most ${MAX_TRAFFIC_DAYS} days` });
  }
  return problems;
}

/** Every calendar date from `from` to `to` inclusive (already validated). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    days.push(new Date(ms).toISOString().slice(0, 10));
  }
  return days;
}

/** A dense daily series: days without traffic show zeros. */
export function fillSeries(
  from: string,
  to: string,
  rows: ReadonlyArray<{ day: string; visitors: number; pageViews: number }>,
): Array<{ date: string; visitors: number; pageViews: number }> {
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return daysBetween(from, to).map((date) => ({ date, visitors: byDay.get(date)?.visitors ?? 0, pageViews: byDay.get(date)?.pageViews ?? 0 }));
}
