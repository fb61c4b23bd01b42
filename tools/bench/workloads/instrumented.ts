import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { InstrumentedStack } from '../stack/bench-stack';
import { RecordedFetch } from '../stack/recording-proxy';
import { BenchTokens } from '../stack/tokens';
import { Workload } from './workloads';

/** Deterministic per-request costs of a workload, from the instrumented pass. */
export interface CostReport {
  requests: number;
  /** Mean subgraph fetches per request, per subgraph (gateway's queryCosts when present, else the proxies'). */
  fetchesPerRequest: Record<string, number>;
  /** Mean SQL statements per request, per subgraph. */
  sqlPerRequest: Record<string, number>;
  totalFetches: number;
  totalSql: number;
  source: 'gateway extensions.queryCosts' | 'recording proxies';
  /** The gateway's queryCosts and the proxies' own tally agree on every request. */
  proxiesAgree: boolean | null;
  error: string | null;
  /** The subgraph requests of each sampled client request, in the order the gateway sent them. */
  fetches: RecordedFetch[][];
}

type Tally = Record<string, number>;
const add = (into: Tally, from: Tally) => {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v;
};
const mean = (sum: Tally, n: number): Tally => Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, Number((v / n).toFixed(2))]));
const total = (t: Tally) =>
  Number(
    Object.values(t)
      .reduce((a, b) => a + b, 0)
      .toFixed(2),
  );
const sameTally = (a: Tally, b: Tally) => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].filter((k) => (a[k] ?? 0) !== 0 || (b[k] ?? 0) !== 0));
  return [...keys].every((k) => (a[k] ?? 0) === (b[k] ?? 0));
};

/** Sends `samples` requests of a workload through the instrumented gateway and tallies fetches and SQL statements. */
export async function measureCosts(inst: InstrumentedStack, workload: Workload, tokens: BenchTokens, samples: number): Promise<CostReport> {
  const fetchSum: Tally = {};
  const sqlSum: Tally = {};
  const fetches: RecordedFetch[][] = [];
  let fromGateway = true;
  let agree: boolean | null = true;
  let error: string | null = null;
  for (let n = 0; n < samples; n += 1) {
    const recording: RecordedFetch[] = [];
    for (const proxy of inst.proxies.values()) proxy.recording = recording;
    const response = await fetch(inst.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.sellerToken}` },
      body: JSON.stringify(workload.request(n)),
    });
    const text = await response.text();
    for (const proxy of inst.proxies.values()) proxy.recording = null;
    let body: { errors?: unknown[]; extensions?: { queryCosts?: { subgraphFetches: Tally; sqlStatements: Tally } } } = {};
    try {
      body = JSON.parse(text);
    } catch {
      error ??= `HTTP ${response.status}: ${text.slice(0, 300)}`;
    }
    if (body.errors) error ??= JSON.stringify(body.errors).slice(0, 400);
    const proxyFetches: Tally = {};
    const proxySql: Tally = {};
    for (const f of recording) {
      proxyFetches[f.subgraph] = (proxyFetches[f.subgraph] ?? 0) + 1;
      proxySql[f.subgraph] = (proxySql[f.subgraph] ?? 0) + (f.sqlStatements ?? 0);
    }
    const costs = body.extensions?.queryCosts;
    if (costs) {
      add(fetchSum, costs.subgraphFetches);
      add(sqlSum, costs.sqlStatements);
      if (!sameTally(costs.subgraphFetches, proxyFetches) || !sameTally(costs.sqlStatements, proxySql)) agree = false;
    } else {
      fromGateway = false;
      agree = null;
      add(fetchSum, proxyFetches);
      add(sqlSum, proxySql);
    }
    fetches.push(recording);
  }
  const fetchesPerRequest = mean(fetchSum, samples);
  const sqlPerRequest = mean(sqlSum, samples);
  return {
    requests: samples,
    fetchesPerRequest,
    sqlPerRequest,
    totalFetches: total(fetchesPerRequest),
    totalSql: total(sqlPerRequest),
    source: fromGateway ? 'gateway extensions.queryCosts' : 'recording proxies',
    proxiesAgree: fromGateway ? agree : null,
    error,
    fetches,
  };
}

/** EXPLAIN (ANALYZE, BUFFERS) of the SQL one dashboard request ran in orders. */
export interface ExplainReport {
  statements: Array<{ sql: string; executionMs: number; planningMs: number; sharedHit: number; sharedRead: number; nodes: string[] }>;
  totalExecutionMs: number;
  totalPlanningMs: number;
  seqScans: string[];
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function planNodes(node: PlanNode, out: string[] = []): string[] {
  out.push(
    [node['Node Type'], node['Relation Name'] ? `on ${node['Relation Name']}` : '', node['Index Name'] ? `using ${node['Index Name']}` : '']
      .filter(Boolean)
      .join(' '),
  );
  for (const child of node.Plans ?? []) planNodes(child, out);
  return out;
}

/**
 * Sends one dashboard request through the instrumented gateway while orders logs its SQL (sql-capture-hook),
 * then EXPLAINs each statement it ran, with the same parameters, warm (the third run counts).
 */
export async function explainDashboardSql(
  inst: InstrumentedStack,
  workload: Workload,
  tokens: BenchTokens,
  sqlLogDir: string,
  ordersDatabaseUrl: string,
  sellerId: string,
): Promise<ExplainReport> {
  const pid = inst.stack.processes.get('orders')?.child.pid;
  const file = path.join(sqlLogDir, `${pid}.jsonl`);
  const lengthBefore = existsSync(file) ? readFileSync(file, 'utf8').length : 0;
  await fetch(inst.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.sellerToken}` },
    body: JSON.stringify(workload.request(0)),
  });
  const logged = existsSync(file) ? readFileSync(file, 'utf8').slice(lengthBefore) : '';
  const statements = logged
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { text: string; values: unknown[] })
    // Background loops (timers, outbox relay, inbox) share the process; keep only the request's reads of the shop.
    .filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.text) && !/\b(order_timers|outbox|inbox)\b/.test(s.text) && s.values.includes(sellerId));
  const client = new Client({ connectionString: ordersDatabaseUrl });
  await client.connect();
  const report: ExplainReport = { statements: [], totalExecutionMs: 0, totalPlanningMs: 0, seqScans: [] };
  try {
    for (const s of statements) {
      let result:
        { Plan: PlanNode & { 'Shared Hit Blocks'?: number; 'Shared Read Blocks'?: number }; 'Execution Time': number; 'Planning Time': number } | undefined;
      for (let i = 0; i < 3; i += 1) {
        const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.text}`, s.values);
        result = (rows[0]['QUERY PLAN'] as (typeof result)[])[0];
      }
      const nodes = planNodes(result!.Plan);
      report.statements.push({
        sql: s.text.replace(/\s+/g, ' ').trim(),
        executionMs: result!['Execution Time'],
        planningMs: result!['Planning Time'],
        sharedHit: result!.Plan['Shared Hit Blocks'] ?? 0,
        sharedRead: result!.Plan['Shared Read Blocks'] ?? 0,
        nodes,
      });
      report.totalExecutionMs += result!['Execution Time'];
      report.totalPlanningMs += result!['Planning Time'];
      report.seqScans.push(...nodes.filter((n) => n.startsWith('Seq Scan')));
    }
  } finally {
    await client.end();
  }
  report.totalExecutionMs = Number(report.totalExecutionMs.toFixed(3));
  report.totalPlanningMs = Number(report.totalPlanningMs.toFixed(3));
  return report;
}
