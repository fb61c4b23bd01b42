import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ValidationFailedError, toMoney } from '@sc/graphql';
import { CLOCK, Clock } from '../clock/clock';
import { DayRange, eachDay, resolveRange } from './day-range';
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

/** Home-dashboard reads; every figure comes from the rollup tables (bounded by days, not by orders). */
@Injectable()
export class SalesSummaryQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async summary(sellerId: string, input: SalesRangeInput): Promise<SalesSummary> {
    const [shop]: Array<{ time_zone: string | null; currency_code: string | null }> = await this.dataSource.query(
      `SELECT (SELECT time_zone FROM dashboard_shops WHERE seller_id = $1) AS time_zone,
              coalesce((SELECT currency_code FROM dashboard_shops WHERE seller_id = $1),
                       (SELECT currency_code FROM dashboard_order_facts WHERE seller_id = $1 AND currency_code IS NOT NULL LIMIT 1)) AS currency_code`,
      [sellerId],
    );
    const timeZone = shop?.time_zone ?? FALLBACK_TIME_ZONE;
    const currencyCode = shop?.currency_code ?? 'USD';
    const resolved = resolveRange(input, this.clock.now(), timeZone);
    if (Array.isArray(resolved)) throw new ValidationFailedError(resolved);
    const { current, previous } = resolved;

    const days = await this.dailyRows(sellerId, { from: previous.from, to: current.to });
    const [distinct]: Array<Record<string, number>> = await this.dataSource.query(
      `SELECT (SELECT count(DISTINCT buyer_id) FROM dashboard_daily_buyers WHERE seller_id = $1 AND day BETWEEN $2 AND $3)::int AS cur_buyers,
              (SELECT count(DISTINCT buyer_id) FROM dashboard_daily_buyers WHERE seller_id = $1 AND day BETWEEN $4 AND $5)::int AS prev_buyers,
              (SELECT count(DISTINCT visitor_id) FROM dashboard_daily_visitors WHERE seller_id = $1 AND day BETWEEN $2 AND $3)::int AS cur_visitors,
              (SELECT count(DISTINCT visitor_id) FROM dashboard_daily_visitors WHERE seller_id = $1 AND day BETWEEN $4 AND $5)::int AS prev_visitors`,
      [sellerId, current.from, current.to, previous.from, previous.to],
    );
    const figures = (range: DayRange, buyers: number, visitors: number): SalesFigures => {
      const inRange = days.filter((d) => d.day >= range.from && d.day <= range.to);
      const gmv = inRange.reduce((sum, d) => sum + d.gmv, 0n);
      const orders = inRange.reduce((sum, d) => sum + d.orders, 0);
      const aov = averageOrderValueMinor(gmv, orders);
      return {
        from: range.from,
        to: range.to,
        gmv: toMoney(gmv, currencyCode),
        refunds: toMoney(inRange.reduce((sum, d) => sum + d.refunds, 0n), currencyCode),
        netSales: toMoney(inRange.reduce((sum, d) => sum + d.net, 0n), currencyCode),
        orders,
        buyers,
        averageOrderValue: aov === null ? null : toMoney(aov, currencyCode),
        visitors,
        conversionBasisPoints: conversionBasisPoints(buyers, visitors),
      };
    };
    const daily: DailySales[] = days
      .filter((d) => d.day >= current.from)
      .map((d) => ({
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
      current: figures(current, distinct.cur_buyers, distinct.cur_visitors),
      previous: figures(previous, distinct.prev_buyers, distinct.prev_visitors),
      daily,
      definitions: Object.entries(METRIC_DEFINITIONS).map(([metric, definition]) => ({ metric, definition })),
    };
  }

  /** Every day of the range (zero-filled) with its rollup figures. */
  private async dailyRows(sellerId: string, range: DayRange): Promise<DayRow[]> {
    const params = [sellerId, range.from, range.to];
    const [sales, buyers, visitors]: Array<Array<Record<string, string | number>>> = await Promise.all([
      this.dataSource.query(
        `SELECT day::text AS day, gmv_minor::text AS gmv, net_minor::text AS net, refunds_minor::text AS refunds, paid_orders AS n
           FROM dashboard_daily_sales WHERE seller_id = $1 AND day BETWEEN $2 AND $3`,
        params,
      ),
      this.dataSource.query(
        `SELECT day::text AS day, count(*)::int AS n FROM dashboard_daily_buyers WHERE seller_id = $1 AND day BETWEEN $2 AND $3 GROUP BY day`,
        params,
      ),
      this.dataSource.query(
        `SELECT day::text AS day, visitors AS n FROM dashboard_daily_visitor_counts WHERE seller_id = $1 AND day BETWEEN $2 AND $3`,
        params,
      ),
    ]);
    const byDay = <T>(rows: Array<Record<string, string | number>>, pick: (r: Record<string, string | number>) => T) =>
      new Map(rows.map((r) => [r.day as string, pick(r)]));
    const salesByDay = byDay(sales, (r) => r);
    const buyersByDay = byDay(buyers, (r) => Number(r.n));
    const visitorsByDay = byDay(visitors, (r) => Number(r.n));
    return eachDay(range).map((day) => {
      const s = salesByDay.get(day);
      return {
        day,
        gmv: BigInt(s?.gmv ?? 0),
        net: BigInt(s?.net ?? 0),
        refunds: BigInt(s?.refunds ?? 0),
        orders: Number(s?.n ?? 0),
        buyers: buyersByDay.get(day) ?? 0,
        visitors: visitorsByDay.get(day) ?? 0,
      };
    });
  }

  /** Counters read live from indexed order and conversation rows (open work is small, unlike history). */
  async actionCounters(sellerId: string): Promise<ActionCounters> {
    const now = this.clock.now();
    const soon = new Date(now.getTime() + 24 * HOUR_MS);
    const [row]: Array<Record<string, number>> = await this.dataSource.query(
      `SELECT (SELECT count(*) FROM orders WHERE seller_id = $1 AND status = 'AWAITING_SHIPMENT')::int AS awaiting_shipment,
              (SELECT count(*) FROM orders WHERE seller_id = $1 AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')
                  AND ship_by_at > $2 AND ship_by_at <= $3)::int AS to_ship,
              (SELECT count(*) FROM orders WHERE seller_id = $1 AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING')
                  AND auto_cancel_at > $2 AND auto_cancel_at <= $3)::int AS auto_cancel,
              (SELECT count(*) FROM orders WHERE seller_id = $1 AND open_cancellation_id IS NOT NULL)::int AS pending_cancellations,
              (SELECT count(*) FROM conversations WHERE seller_id = $1 AND seller_unread_count > 0)::int AS unread`,
      [sellerId, now, soon],
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
