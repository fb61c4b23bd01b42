import { Client } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { createDataSource } from '@sc/db';
import { databaseUrlOf } from '@sc/stack';
import { TestStack, startTestStack } from '@sc/testing';
import { SalesRangePreset } from '../src/dashboard/day-range';
import { rebuildDashboardRollups } from '../src/dashboard/rollup-rebuild';
import { applyOrderPaid } from '../src/dashboard/rollup.writer';
import { SalesSummaryQueries } from '../src/dashboard/sales-summary.queries';

// The home dashboard of a shop with 250,000 paid orders over 400 days (~200k buyer-days), generated in SQL:
// the plans of the statements the dashboard really sends (index scans of the rollups, no sequential scan, no
// DISTINCT over buyer-days), and exact figures against DISTINCT over the raw buyer-days. Plans, not timing.

/** One node of an `EXPLAIN (FORMAT JSON)` plan, with the fields the checks read. */
interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Output?: string[];
  Plans?: PlanNode[];
}

/** The single row `EXPLAIN (FORMAT JSON)` answers. */
interface ExplainRow {
  'QUERY PLAN': Array<{ Plan: PlanNode }>;
}

/** The action counters as the live definitions count them. */
interface LiveCountersRow {
  awaitingShipment: number;
  toShipWithin24h: number;
  autoCancelWithin24h: number;
  pendingCancellationRequests: number;
  unreadInquiries: number;
}

describe('home dashboard on a big shop (orders)', () => {
  let stack: TestStack;
  let db: Client;
  let dataSource: DataSource;
  const sellerId = 'usr_dashboard_plans_big_shop';
  const now = new Date('2031-06-01T12:00:00Z');
  const recorded: Array<[string, unknown[]]> = [];

  beforeAll(async () => {
    stack = await startTestStack('dashplans', { subgraphs: ['orders'] });
    db = await stack.db('orders');
    await db.query(`INSERT INTO dashboard_shops (seller_id, currency_code, time_zone) VALUES ($1, 'USD', 'UTC')`, [sellerId]);
    // Order i is paid i·138 s before "now" (400 days for 250k orders) by one of 60,000 buyers.
    await db.query(
      `INSERT INTO dashboard_order_facts (order_id, seller_id, buyer_id, paid_at, total_minor, currency_code)
       SELECT 'ord_big_' || i, $1, 'byr_' || (i * 7919) % 60000, $2::timestamptz - i * interval '138 seconds', 1000 + i % 500, 'USD'
         FROM generate_series(1, 250000) AS i`,
      [sellerId, now],
    );
    dataSource = createDataSource({ url: databaseUrlOf(stack.settings, 'orders'), entities: [], migrations: [], applicationName: 'dashboard-plan-test' });
    await dataSource.initialize();
    await dataSource.transaction((manager) => rebuildDashboardRollups(manager, sellerId));
    // Orders for the action counters: 100,000 of the big shop, one in fifty still open, and as many of other shops.
    await db.query(
      `INSERT INTO orders (id, seller_id, buyer_id, status, currency_code, total_minor, paid_at, ship_by_at, auto_cancel_at)
       SELECT 'ord_plan_' || i, CASE WHEN i % 2 = 0 THEN $1 ELSE 'usr_small_shop_' || i % 200 END, 'byr_' || i % 60000,
              CASE WHEN i % 100 < 2 THEN 'AWAITING_SHIPMENT' ELSE 'COMPLETED' END, 'USD', 1000, p, p + interval '72 hours',
              CASE WHEN i % 100 < 2 THEN p + interval '120 hours' END
         FROM generate_series(1, 200000) AS i, LATERAL (SELECT $2::timestamptz - i * interval '170 seconds' AS p) t`,
      [sellerId, now],
    );
    // The rollups of 200 smaller shops, so the big shop is a part of each table, as in production.
    await db.query(
      `INSERT INTO dashboard_daily_sales (seller_id, day, gmv_minor, net_minor, paid_orders, buyers)
       SELECT 'usr_small_shop_' || s, $1::date - d, 12000, 12000, 12, 12 FROM generate_series(1, 200) AS s, generate_series(0, 399) AS d`,
      [now],
    );
    await db.query(
      `INSERT INTO dashboard_daily_buyers (seller_id, day, buyer_id, prev_day)
       SELECT 'usr_small_shop_' || s, $1::date - d, 'byr_' || b, $1::date - d - 1
         FROM generate_series(1, 200) AS s, generate_series(0, 399) AS d, generate_series(1, 12) AS b`,
      [now],
    );
    // Vacuumed as after any autovacuum: the visibility map lets buyer-day counts stay index-only.
    for (const table of ['dashboard_daily_buyers', 'dashboard_daily_sales', 'dashboard_order_facts', 'orders']) await db.query(`VACUUM ANALYZE ${table}`);
    // Every statement the queries send, including those inside their own transactions.
    const record =
      (query: (sql: string, params?: unknown[]) => Promise<unknown>) =>
      (sql: string, params: unknown[] = []) => {
        recorded.push([sql, params]);
        return query(sql, params);
      };
    const query = dataSource.query.bind(dataSource);
    // Prepared reads (preparedQuery) go straight to the pool as { name, text, values }.
    const pool = (dataSource.driver as unknown as { master: { query: (config: { text: string; values: unknown[] }) => Promise<unknown> } }).master;
    const poolQuery = pool.query.bind(pool);
    pool.query = (config) => {
      recorded.push([config.text, config.values]);
      return poolQuery(config);
    };
    const transaction = dataSource.transaction.bind(dataSource) as (work: (m: EntityManager) => Promise<unknown>) => Promise<unknown>;
    Object.assign(dataSource, {
      query: record(query),
      transaction: (work: (m: EntityManager) => Promise<unknown>) =>
        transaction((manager) =>
          work(new Proxy(manager, { get: (target, key) => (key === 'query' ? record(target.query.bind(target)) : Reflect.get(target, key)) })),
        ),
    });
  }, 180_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await stack?.dispose();
  });

  const queries = () => new SalesSummaryQueries(dataSource, { now: () => now });
  const ranges: Array<[string, { preset: SalesRangePreset; from?: string; to?: string }]> = [
    ['7 days', { preset: SalesRangePreset.LAST_7_DAYS }],
    ['30 days', { preset: SalesRangePreset.LAST_30_DAYS }],
    ['366 days', { preset: SalesRangePreset.CUSTOM, from: '2030-05-31', to: '2031-05-31' }],
    ['today', { preset: SalesRangePreset.TODAY }],
    ['up to tomorrow', { preset: SalesRangePreset.CUSTOM, from: '2031-05-20', to: '2031-06-02' }],
  ];

  /** count(DISTINCT) over the buyer-days: what the figures must equal. */
  const distinctBuyers = async (from: string, to: string): Promise<number> =>
    (
      await db.query<{ n: number }>(`SELECT count(DISTINCT buyer_id)::int AS n FROM dashboard_daily_buyers WHERE seller_id = $1 AND day BETWEEN $2 AND $3`, [
        sellerId,
        from,
        to,
      ])
    ).rows[0].n;

  async function expectExact(name: string, range: (typeof ranges)[number][1]): Promise<void> {
    const s = await queries().summary(sellerId, range);
    for (const period of [s.current, s.previous]) {
      expect({ name, from: period.from, buyers: period.buyers }).toEqual({ name, from: period.from, buyers: await distinctBuyers(period.from, period.to) });
    }
    const perDay = (
      await db.query<{ day: string; n: number }>(
        `SELECT day::text AS day, count(*)::int AS n FROM dashboard_daily_buyers WHERE seller_id = $1 AND day BETWEEN $2 AND $3 GROUP BY day`,
        [sellerId, s.current.from, s.current.to],
      )
    ).rows;
    const expected = new Map(perDay.map((r) => [r.day, r.n]));
    expect({ name, daily: s.daily.map((d) => [d.day, d.buyers]) }).toEqual({ name, daily: s.daily.map((d) => [d.day, expected.get(d.day) ?? 0]) });
  }

  it('reads only index scans of the rollups, without DISTINCT over buyer-days, and one statement once ranges are cached', async () => {
    for (const [name, range] of ranges) {
      for (const pass of ['cold', 'warm']) {
        recorded.length = 0;
        await queries().summary(sellerId, range);
        const statements = recorded.filter(([sql]) => !/pg_advisory|^(START TRANSACTION|BEGIN|COMMIT)/i.test(sql.trim()));
        if (pass === 'warm') expect({ name, statements: statements.length }).toEqual({ name, statements: name === 'today' ? 2 : 3 });
        for (const [sql, params] of statements) {
          const [{ 'QUERY PLAN': plan }] = (await db.query<ExplainRow>(`EXPLAIN (FORMAT JSON, VERBOSE) ${sql}`, params)).rows;
          const nodes = flatten(plan[0].Plan);
          const label = `${name} (${pass}): ${sql.slice(0, 60)}`;
          expect({ label, seq: nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']) }).toEqual({ label, seq: [] });
          const buyerScans = nodes.filter((n) => n['Relation Name'] === 'dashboard_daily_buyers').map((n) => n['Node Type']);
          expect({ label, buyerScans: [...new Set(buyerScans)] }).toEqual({ label, buyerScans: buyerScans.length > 0 ? ['Index Only Scan'] : [] });
          const distinct = nodes.filter((n) => (n.Output ?? []).some((o) => /DISTINCT\s+.*buyer_id/i.test(o)));
          expect({ label, distinct: distinct.length }).toEqual({ label, distinct: 0 });
          const salesScans = nodes.filter((n) => n['Relation Name'] === 'dashboard_daily_sales').map((n) => n['Node Type']);
          expect({ label, salesScans: salesScans.every((t) => /Index|Bitmap Heap Scan/.test(t)) }).toEqual({ label, salesScans: true });
        }
      }
    }
  });

  it('reads the action counters from their trigger-kept rows and only the edge hours of the windows from open orders, exactly', async () => {
    recorded.length = 0;
    const counters = await queries().actionCounters(sellerId);
    expect(counters.awaitingShipment).toBe(2000);
    expect(counters.toShipWithin24h).toBeGreaterThan(0);
    expect(recorded).toHaveLength(1);
    const [[sql, params]] = recorded;
    const [{ 'QUERY PLAN': plan }] = (await db.query<ExplainRow>(`EXPLAIN (FORMAT JSON) ${sql}`, params)).rows;
    const nodes = flatten(plan[0].Plan);
    expect(nodes.filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'])).toEqual([]);
    expect(nodes.filter((n) => n['Relation Name'] === 'conversations')).toEqual([]);
    // The four partial edge hours of the two windows; every whole hour and the other counters come from the kept rows.
    const orderIndexes = nodes
      .filter((n) => n['Relation Name'] === 'orders')
      .map((n) => n['Index Name'])
      .sort();
    expect(orderIndexes).toEqual([
      'orders_seller_open_auto_cancel_idx',
      'orders_seller_open_auto_cancel_idx',
      'orders_seller_open_ship_by_idx',
      'orders_seller_open_ship_by_idx',
    ]);
    const counterScans = nodes.filter((n) => /^dashboard_(action_counts|deadline_hours)$/.test(n['Relation Name'] ?? '')).map((n) => n['Relation Name']);
    expect(counterScans.sort()).toEqual(['dashboard_action_counts', 'dashboard_deadline_hours']);

    // Exact against the live definitions at instants on, just off and between whole hours.
    for (const offsetMs of [0, 1, -1, 17 * 60_000 + 123, 3_600_000, 3_600_000 - 1, 5 * 3_600_000 + 59 * 60_000]) {
      const at = new Date(now.getTime() + offsetMs);
      const soon = new Date(at.getTime() + 24 * 3_600_000);
      const {
        rows: [live],
      } = await db.query<LiveCountersRow>(
        `SELECT (SELECT count(*) FROM orders WHERE seller_id = $1 AND status = 'AWAITING_SHIPMENT')::int AS "awaitingShipment",
                (SELECT count(*) FROM orders WHERE seller_id = $1 AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING') AND ship_by_at > $2 AND ship_by_at <= $3)::int AS "toShipWithin24h",
                (SELECT count(*) FROM orders WHERE seller_id = $1 AND status IN ('AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING') AND auto_cancel_at > $2 AND auto_cancel_at <= $3)::int AS "autoCancelWithin24h",
                (SELECT count(*) FROM orders WHERE seller_id = $1 AND open_cancellation_id IS NOT NULL)::int AS "pendingCancellationRequests",
                (SELECT count(*) FROM conversations WHERE seller_id = $1 AND seller_unread_count > 0)::int AS "unreadInquiries"`,
        [sellerId, at, soon],
      );
      const kept = await new SalesSummaryQueries(dataSource, { now: () => at }).actionCounters(sellerId);
      expect({ at: at.toISOString(), kept }).toEqual({ at: at.toISOString(), kept: live });
    }
  });

  it('gives exact distinct buyers for every range, cached or live, and keeps cached ranges exact after late and out-of-order payments', async () => {
    for (const [name, range] of ranges) await expectExact(name, range);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM dashboard_range_buyers WHERE seller_id = $1', [sellerId])).rows[0].n).toBeGreaterThan(
      0,
    );
    // Late payments into cached ranges: a new buyer, a known buyer on a day between two of their days, a known buyer's repeat day.
    const late = [
      { buyerId: 'byr_new_late', paidAt: '2031-05-28T10:00:00Z' },
      { buyerId: 'byr_new_late', paidAt: '2031-05-20T10:00:00Z' }, // before their only day, both in the 30-day range
      { buyerId: 'byr_7919', paidAt: '2031-05-15T10:00:00Z' },
      { buyerId: 'byr_7919', paidAt: '2030-11-02T10:00:00Z' },
      { buyerId: 'byr_15838', paidAt: '2031-05-30T23:00:00Z' },
      { buyerId: 'byr_15838', paidAt: '2031-05-30T01:00:00Z' },
      { buyerId: 'byr_new_today', paidAt: '2031-06-01T09:00:00Z' },
    ];
    let n = 0;
    for (const payment of late) {
      await dataSource.transaction((manager) =>
        applyOrderPaid(manager, {
          sellerId,
          orderId: `ord_late_${(n += 1)}`,
          buyerId: payment.buyerId,
          paidAt: new Date(payment.paidAt),
          totalMinor: '100',
          currencyCode: 'USD',
        }),
      );
    }
    for (const [name, range] of ranges) await expectExact(`${name} after late payments`, range);
    // Each buyer-day still links to the buyer's previous paid day.
    const broken = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT prev_day, lag(day) OVER (PARTITION BY buyer_id ORDER BY day) AS expected
         FROM dashboard_daily_buyers WHERE seller_id = $1) d WHERE prev_day IS DISTINCT FROM expected`,
      [sellerId],
    );
    expect(broken.rows[0].n).toBe(0);
  });

  function flatten(node: PlanNode): PlanNode[] {
    return [node, ...(node.Plans ?? []).flatMap(flatten)];
  }
});
