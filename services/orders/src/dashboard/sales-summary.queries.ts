import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { preparedQuery } from '@sc/db';
import { ValidationFailedError, toMoney } from '@sc/graphql';
import { CLOCK, Clock, requestNow } from '@sc/kit';
import { countFirstBuyerDaysSql, cacheRangeBuyers } from './buyer-days';
import { DayRange, addDays, eachDay, localDay, resolveRange } from './day-range';
import { METRIC_DEFINITIONS, averageOrderValueMinor, conversionBasisPoints } from './metrics';
import { FALLBACK_TIME_ZONE } from './rollup.writer';
import { ActionCounters, DailySales, SalesFigures, SalesRangeInput, SalesSummary } from './sales-summary.model';

interface DayRow {
  day: string;
  gmv: bigint;
  net: bigint;
  refunds: bigint;
  orders: number;
  buyers: number;
  visitors: number;
}

const HOUR_MS = 3_600_000;

/**
 * Home-dashboard reads; every figure comes from the rollup tables (bounded by days, not by orders). They run as
 * prepared statements: planning them cost more than executing them.
 */
@Injectable()
export class SalesSummaryQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async summary(sellerId: string, input: SalesRangeInput): Promise<SalesSummary> {
    const [shop] = await preparedQuery<{ time_zone: string | null; currency_code: string | null }>(
      this.dataSource,
      `SELECT (SELECT time_zone FROM dashboard_shops WHERE seller_id = $1) AS time_zone,
              coalesce((SELECT currency_code FROM dashboard_shops WHERE seller_id = $1),
                       (SELECT currency_code FROM dashboard_order_facts WHERE seller_id = $1 AND paid_at IS NOT NULL ORDER BY paid_at LIMIT 1)) AS currency_code`,
      [sellerId],
    );
    const timeZone = shop?.time_zone ?? FALLBACK_TIME_ZONE;
    const currencyCode = shop?.currency_code ?? 'USD';
    // One instant for the whole summary: the range and "today" cannot fall on two sides of midnight.
    const now = requestNow(this.clock);
    const resolved = resolveRange(input, now, timeZone);
    if (Array.isArray(resolved)) throw new ValidationFailedError(resolved);
    const { current, previous } = resolved;

    const { days, previousTotals } = await this.dailyRows(sellerId, current, previous);
    const singleDay = (range: DayRange): DayRow | undefined =>
      range.from !== range.to ? undefined : range === previous ? previousTotals : days.find((d) => d.day === range.from);
    const [cur, prev] = await this.distinctCounts(sellerId, [current, previous], localDay(now, timeZone), singleDay);
    const figures = (range: DayRange, totals: Omit<DayRow, 'day'>, buyers: number, visitors: number): SalesFigures => {
      const aov = averageOrderValueMinor(totals.gmv, totals.orders);
      return {
        from: range.from,
        to: range.to,
        gmv: toMoney(totals.gmv, currencyCode),
        refunds: toMoney(totals.refunds, currencyCode),
        netSales: toMoney(totals.net, currencyCode),
        orders: totals.orders,
        buyers,
        averageOrderValue: aov === null ? null : toMoney(aov, currencyCode),
        visitors,
        conversionBasisPoints: conversionBasisPoints(buyers, visitors),
      };
    };
    const daily: DailySales[] = days.map((d) => ({
      day: d.day,
      gmv: toMoney(d.gmv, currencyCode),
      refunds: toMoney(d.refunds, currencyCode),
      netSales: toMoney(d.net, currencyCode),
      orders: d.orders,
      buyers: d.buyers,
      visitors: d.visitors,
    }));
    return {
      timeZone,
      currencyCode,
      current: figures(current, sumDays(days), cur.buyers, cur.visitors),
      previous: figures(previous, previousTotals, prev.buyers, prev.visitors),
      daily,
      definitions: Object.entries(METRIC_DEFINITIONS).map(([metric, definition]) => ({ metric, definition })),
    };
  }

  /**
   * Distinct buyers and visitors of each range. Buyers of the days before today come from the range cache
   * (computed and stored on a miss), today's from its buyer-days whose previous paid day is before the range;
   * a one-day range reads its daily rollup. One statement when the cache holds the ranges.
   */
  private async distinctCounts(
    sellerId: string,
    ranges: DayRange[],
    today: string,
    singleDay: (range: DayRange) => Omit<DayRow, 'day'> | undefined,
  ): Promise<Array<{ buyers: number; visitors: number }>> {
    const yesterday = addDays(today, -1);
    const params: unknown[] = [sellerId];
    const param = (value: unknown): string => `$${params.push(value)}`;
    const plans = ranges.map((range) => {
      const single = singleDay(range);
      const closed = !single && range.from <= yesterday ? { from: range.from, to: range.to < yesterday ? range.to : yesterday } : null;
      const live = !single && range.to >= today ? { from: range.from > today ? range.from : today, to: range.to } : null;
      return { range, single, closed, live };
    });
    const columns = plans.flatMap((plan, i) => {
      if (plan.single) return [];
      const from = param(plan.range.from);
      const cols = [
        `(SELECT count(DISTINCT visitor_id) FROM dashboard_daily_visitors WHERE seller_id = $1 AND day BETWEEN ${from} AND ${param(plan.range.to)})::int AS visitors_${i}`,
      ];
      if (plan.closed) {
        cols.push(
          `(SELECT buyers FROM dashboard_range_buyers WHERE seller_id = $1 AND to_day = ${param(plan.closed.to)} AND from_day = ${from}) AS cached_${i}`,
        );
      }
      if (plan.live) cols.push(`${countFirstBuyerDaysSql('$1', param(plan.live.from), param(plan.live.to), from)} AS live_${i}`);
      return cols;
    });
    const [row] = columns.length > 0 ? await preparedQuery<Record<string, number | null>>(this.dataSource, `SELECT ${columns.join(', ')}`, params) : [{}];
    return Promise.all(
      plans.map(async (plan, i) => {
        if (plan.single) return { buyers: plan.single.buyers, visitors: plan.single.visitors };
        const visitors = row[`visitors_${i}`] ?? 0;
        let buyers = plan.live ? (row[`live_${i}`] ?? 0) : 0;
        if (plan.closed) buyers += row[`cached_${i}`] ?? (await cacheRangeBuyers(this.dataSource, sellerId, plan.closed));
        return { buyers, visitors };
      }),
    );
  }

  /**
   * Every day of the current range (zero-filled) with its rollup figures, and the previous period's totals summed
   * in SQL (a year's comparison would otherwise ship and parse 365 more rows), in one statement.
   */
  private async dailyRows(sellerId: string, current: DayRange, previous: DayRange): Promise<{ days: DayRow[]; previousTotals: DayRow }> {
    const rows = await preparedQuery<Record<string, string | number | null>>(
      this.dataSource,
      `SELECT coalesce(s.day, v.day)::text AS day, s.gmv_minor::text AS gmv, s.net_minor::text AS net, s.refunds_minor::text AS refunds,
              s.paid_orders::int AS orders, s.buyers::int AS buyers, v.visitors::int AS visitors
         FROM (SELECT * FROM dashboard_daily_sales WHERE seller_id = $1 AND day BETWEEN $2 AND $3) s
         FULL JOIN (SELECT day, visitors FROM dashboard_daily_visitor_counts WHERE seller_id = $1 AND day BETWEEN $2 AND $3) v ON v.day = s.day
       UNION ALL
       SELECT NULL, s.gmv, s.net, s.refunds, s.orders, s.buyers, v.visitors
         FROM (SELECT sum(gmv_minor)::text AS gmv, sum(net_minor)::text AS net, sum(refunds_minor)::text AS refunds,
                      sum(paid_orders)::int AS orders, sum(buyers)::int AS buyers
                 FROM dashboard_daily_sales WHERE seller_id = $1 AND day BETWEEN $4 AND $5) s,
              (SELECT sum(visitors)::int AS visitors FROM dashboard_daily_visitor_counts WHERE seller_id = $1 AND day BETWEEN $4 AND $5) v`,
      [sellerId, current.from, current.to, previous.from, previous.to],
    );
    const byDay = new Map<string, Record<string, string | number | null>>();
    let totals: Record<string, string | number | null> | undefined;
    for (const r of rows) {
      if (r.day === null) totals = r;
      else byDay.set(r.day as string, r);
    }
    return { days: eachDay(current).map((day) => toDayRow(day, byDay.get(day))), previousTotals: toDayRow('', totals) };
  }

  /**
   * One statement over the trigger-kept counters (migration 1764510000000): the sums of the seller's shards, and
   * for the 24 h windows the hour buckets strictly inside the window plus its two partial edge hours counted live
   * from the open-order partial indexes. Exact, and bounded by hours rather than by the shop's open orders.
   */
  async actionCounters(sellerId: string): Promise<ActionCounters> {
    const window = deadlineWindow(requestNow(this.clock));
    const [row] = await preparedQuery<Record<string, number>>(
      this.dataSource,
      `SELECT c.awaiting_shipment, c.pending_cancellations, c.unread,
              (h.ship_by + ${countOpenSql('ship_by_at', '> $2', '< $4')} + ${countOpenSql('ship_by_at', '>= $5', '<= $3')})::int AS to_ship,
              (h.auto_cancel + ${countOpenSql('auto_cancel_at', '> $2', '< $4')} + ${countOpenSql('auto_cancel_at', '>= $5', '<= $3')})::int AS auto_cancel
         FROM (SELECT coalesce(sum(awaiting_shipment), 0)::int AS awaiting_shipment, coalesce(sum(pending_cancellations), 0)::int AS pending_cancellations,
                      coalesce(sum(unread_inquiries), 0)::int AS unread
                 FROM dashboard_action_counts WHERE seller_id = $1) c,
              (SELECT coalesce(sum(ship_by), 0) AS ship_by, coalesce(sum(auto_cancel), 0) AS auto_cancel
                 FROM dashboard_deadline_hours WHERE seller_id = $1 AND hour >= $4 AND hour < $5) h`,
      [sellerId, window.from, window.to, window.firstWholeHour, window.edgeHour],
    );
    return {
      awaitingShipment: row.awaiting_shipment,
      toShipWithin24h: row.to_ship,
      autoCancelWithin24h: row.auto_cancel,
      pendingCancellationRequests: row.pending_cancellations,
      unreadInquiries: row.unread,
    };
  }
}

/** A rollup row (or its absence: a zero day) as numbers. */
function toDayRow(day: string, r: Record<string, string | number | null> | undefined): DayRow {
  return {
    day,
    gmv: BigInt(r?.gmv ?? 0),
    net: BigInt(r?.net ?? 0),
    refunds: BigInt(r?.refunds ?? 0),
    orders: Number(r?.orders ?? 0),
    buyers: Number(r?.buyers ?? 0),
    visitors: Number(r?.visitors ?? 0),
  };
}

/** The totals of a range's days (buyers and visitors are not additive and are left to the distinct counts). */
function sumDays(days: DayRow[]): Omit<DayRow, 'day'> {
  const totals = { gmv: 0n, net: 0n, refunds: 0n, orders: 0, buyers: 0, visitors: 0 };
  for (const d of days) {
    totals.gmv += d.gmv;
    totals.net += d.net;
    totals.refunds += d.refunds;
    totals.orders += d.orders;
  }
  return totals;
}

/** Open orders (awaiting shipment or partially shipping) of seller $1 with `column` in a range: a partial-index range scan. */
function countOpenSql(column: 'ship_by_at' | 'auto_cancel_at', lower: string, upper: string): string {
  return `(SELECT count(*) FROM orders WHERE seller_id = $1 AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING') AND ${column} ${lower} AND ${column} ${upper})`;
}

/**
 * The window (from, to] of the 24 h counters, split at UTC hours as the buckets are: whole hours
 * [firstWholeHour, edgeHour) come from the buckets, (from, firstWholeHour) and [edgeHour, to] are counted live.
 */
export function deadlineWindow(now: Date): { from: Date; to: Date; firstWholeHour: Date; edgeHour: Date } {
  const to = new Date(now.getTime() + 24 * HOUR_MS);
  return {
    from: now,
    to,
    firstWholeHour: new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS),
    edgeHour: new Date(Math.floor(to.getTime() / HOUR_MS) * HOUR_MS),
  };
}
