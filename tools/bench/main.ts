import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, databaseUrlOf, subgraphUrlOf, type RunningStack, type SubgraphName } from '@sc/stack';
import { benchConfig, selected } from './bench-config';
import { ensureDataset } from './dataset/dataset';
import { BIG_SHOP_ID } from './dataset/shape';
import { calibrate } from './load/calibrate';
import { CpuMeter } from './load/cpu';
import { fmt, runContext, table, workloadRow, writeJson, type TargetRow } from './report/report';
import { BENCH_DIR, benchSettings, startHive, startInstrumentedStack, startTimedStack, type HiveGateway, type InstrumentedStack } from './stack/bench-stack';
import { BenchTokens } from './stack/tokens';
import { settler } from './stack/settle';
import { queryOnce } from './stack/query-once';
import { CostReport, ExplainReport, explainDashboardSql, measureCosts } from './workloads/instrumented';
import { Measurement, measure, measureC1, warmUp } from './workloads/measure';
import { PlacementReport, runPlacement } from './workloads/placement';
import { CapacityStep, runPlacementCapacity } from './workloads/placement-capacity';
import { PlanProbe, planCacheProbe } from './workloads/plan-probe';
import { analystCorpus } from './workloads/analyst-corpus';
import { INTERNAL_CONTEXT_HEADER } from '@sc/auth';
import { encodeCursor } from '@sc/graphql';
import { Samples, buildWorkloads, directTarget, gatewayTarget } from './workloads/workloads';

// `npm run bench`: brings up its own production-mode stack on its own databases and broker, loads (or reuses)
// the data set, measures every workload against our gateway and Hive Gateway (interleaved) and the subgraphs
// directly, prints the targets table and writes the JSON report. Never asserts timings; exits 0 with a table.

const startedAt = Date.now();
const log = (msg: string) => console.log(`[bench ${((Date.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${msg}`);

/** Stop functions of everything started, run in reverse on exit or Ctrl-C. */
const cleanups: Array<() => Promise<void> | void> = [];
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const stop of cleanups.reverse()) {
      try {
        await stop();
      } catch {
        // keep stopping the rest
      }
    }
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping everything the bench started…`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function loadSamples(ordersUrl: string, returnsUrl: string, catalogUrl: string): Promise<Samples> {
  const withReturns = await queryOnce(returnsUrl, `SELECT order_id FROM return_requests WHERE seller_id = $1 ORDER BY id DESC LIMIT 200`, [BIG_SHOP_ID]);
  const recent = await queryOnce(ordersUrl, `SELECT id FROM orders WHERE seller_id = $1 ORDER BY id DESC LIMIT 200`, [BIG_SHOP_ID]);
  const skus = await queryOnce(catalogUrl, `SELECT id FROM skus WHERE seller_id = $1 ORDER BY id LIMIT 500`, [BIG_SHOP_ID]);
  const products = await queryOnce(catalogUrl, `SELECT id FROM products WHERE seller_id = $1 ORDER BY id LIMIT 500`, [BIG_SHOP_ID]);
  const detailOrderIds = withReturns.map((r) => r.order_id as string);
  return {
    detailOrderIds: detailOrderIds.length > 0 ? detailOrderIds : recent.map((r) => r.id as string),
    skuIds: skus.map((r) => r.id as string),
    productCursors: products.map((r) => encodeCursor(r.id as string)),
    orderCursors: recent.map((r) => encodeCursor(r.id as string)),
  };
}

/** A measurement's throughput: the median and, with several searches, each search's rate. */
const searchesText = (m: Measurement) =>
  m.throughput.searches.length > 1 ? `${fmt(m.throughput.rate, 0)} (${m.throughput.searches.map((r) => fmt(r, 0)).join(', ')})` : fmt(m.throughput.rate, 0);

interface PeerResult {
  ours?: Measurement;
  hive?: Measurement;
}

async function main(): Promise<void> {
  const config = benchConfig();
  const settings = await benchSettings();
  mkdirSync(settings.logDir, { recursive: true });
  log(`scale ${config.shape.scale}${config.quick ? ', quick phases' : ''}; logs in ${path.relative(REPO_ROOT, settings.logDir)}`);

  const dataset = await ensureDataset(settings, config.shape, log);

  log('calibrating with a node:http hello world…');
  const calibration = await calibrate(config.calibrationS, settings.logDir);
  log(`hello world: ${fmt(calibration.c4Rps, 0)} rps at c=4, ${fmt(calibration.c10Rps, 0)} rps at c=10`);

  const tokens = new BenchTokens(settings.clientTokenKey, settings.internalSigningKey);
  await tokens.start();
  cleanups.push(() => tokens.stop());
  const samples = await loadSamples(databaseUrlOf(settings, 'orders'), databaseUrlOf(settings, 'returns'), databaseUrlOf(settings, 'catalog'));
  const workloads = buildWorkloads(samples);
  const byKey = (key: string) => workloads.find((w) => w.key === key)!;

  // 1. Instrumented pass: counts and captured subgraph operations, never timed.
  log('instrumented pass: counting subgraphs, query-costs gateway, recording proxies…');
  const sqlLogDir = path.join(BENCH_DIR, 'sql-log');
  rmSync(sqlLogDir, { recursive: true, force: true });
  const hook = path.join(REPO_ROOT, 'dist/tools/bench/stack/sql-capture-hook.js');
  const inst: InstrumentedStack = await startInstrumentedStack({
    ...settings,
    env: { ...settings.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${hook}`.trim(), BENCH_SQL_LOG_DIR: sqlLogDir },
  });
  cleanups.push(() => inst.stop());
  const costs: Record<string, CostReport> = {};
  for (const w of workloads) {
    costs[w.key] = await measureCosts(inst, w, tokens, w.key.startsWith('analyst') ? 50 : 3);
    const c = costs[w.key];
    log(`  ${w.key}: ${c.totalFetches} fetches, ${c.totalSql} SQL statements per request${c.error ? ` — ERROR ${c.error.slice(0, 160)}` : ''}`);
  }
  const explains: Record<string, ExplainReport> = {};
  for (const key of ['dashboard-7d', 'dashboard-30d', 'dashboard-365d']) {
    explains[key] = await explainDashboardSql(inst, byKey(key), tokens, sqlLogDir, databaseUrlOf(settings, 'orders'), BIG_SHOP_ID);
    log(`  ${key} SQL: ${explains[key].statements.length} statements, ${explains[key].totalExecutionMs} ms execution (EXPLAIN ANALYZE)`);
  }
  await inst.stop();
  cleanups.pop();

  // 2. Timed stack and Hive Gateway side by side on the same subgraphs.
  log('starting the timed stack (production mode, no instrumentation) and Hive Gateway…');
  const stack: RunningStack = await startTimedStack(settings);
  cleanups.push(() => stack.stop());
  const hive: HiveGateway = await startHive(settings);
  cleanups.push(() => hive.stop());
  const pid = (name: string) => stack.processes.get(name)?.child.pid;
  const cpu = new CpuMeter(
    () => ({
      gateway: pid('gateway'),
      'hive-gateway': hive.process.child.pid,
      catalog: pid('catalog'),
      orders: pid('orders'),
      returns: pid('returns'),
      marketing: pid('marketing'),
      creators: pid('creators'),
    }),
    settings.databasePrefix,
  );

  const settle = settler(settings.postgresUrl, settings.databasePrefix);
  const results: Record<string, PeerResult> = {};
  const skipped: Record<string, string> = {};
  // Every workload once through both gateways first, so the first one measured does not pay for a cold JIT.
  log('warming both gateways and the subgraphs on every workload…');
  for (const w of workloads.filter((x) => x.peer && selected(config, x.key))) {
    await warmUp(gatewayTarget(stack.gatewayUrl, 'ours', w, tokens), 40, 2_500);
    await warmUp(gatewayTarget(hive.url, 'hive', w, tokens), 40, 2_500);
  }
  for (const w of workloads.filter((x) => x.peer && selected(config, x.key))) {
    if (costs[w.key].error) {
      skipped[w.key] = costs[w.key].error!;
      log(`${w.key}: skipped (${costs[w.key].error!.slice(0, 160)})`);
      continue;
    }
    results[w.key] = {};
    log(`${w.key}: ours…`);
    results[w.key].ours = await measure(gatewayTarget(stack.gatewayUrl, 'ours', w, tokens), w.fixedRate, config.phases, cpu, settle);
    log(`${w.key}: hive…`);
    results[w.key].hive = await measure(gatewayTarget(hive.url, 'hive', w, tokens), results[w.key].ours!.fixedRate, config.phases, cpu, settle);
    const r = results[w.key];
    log(
      `  ours ${searchesText(r.ours!)} rps @p99≤${config.phases.p99TargetMs} ms, c=1 p50 ${fmt(r.ours!.c1.p50)} ms | hive ${searchesText(r.hive!)} rps, c=1 p50 ${fmt(r.hive!.c1.p50)} ms`,
    );
  }

  // Plan-cache miss cost, paired per query (warm then unique text, back to back), ours then Hive.
  const corpus = analystCorpus(50);
  const planProbes: Record<'ours' | 'hive', PlanProbe> | null = selected(config, 'plan-probe')
    ? {
        ours: await planCacheProbe(stack.gatewayUrl, () => ({ authorization: `Bearer ${tokens.sellerToken}` }), corpus, config.planProbePasses),
        hive: await planCacheProbe(hive.url, () => ({ [INTERNAL_CONTEXT_HEADER]: tokens.sellerInternal }), corpus, config.planProbePasses),
      }
    : null;
  if (planProbes)
    log(
      `plan-cache probe: ours miss +${planProbes.ours.missP50} ms (warm ${planProbes.ours.warmP50}, cold ${planProbes.ours.coldP50}); hive +${planProbes.hive.missP50} ms`,
    );

  // 3. Controls: single-subgraph operations through the gateway and straight to the subgraph, interleaved.
  const controls: Record<string, { gateway?: Measurement; direct?: Measurement; subgraph: string }> = {};
  for (const key of ['control-orders-only', 'control-catalog-only'].filter((k) => selected(config, k))) {
    const w = byKey(key);
    const captured = costs[key].fetches.flat();
    if (costs[key].error || captured.length === 0) {
      skipped[key] = costs[key].error ?? 'no subgraph request captured';
      continue;
    }
    const subgraph = captured[0].subgraph as SubgraphName;
    log(`${key}: gateway…`);
    const gateway = await measure(gatewayTarget(stack.gatewayUrl, 'ours', w, tokens), w.fixedRate, config.phases, cpu, settle);
    log(`${key}: ${subgraph} directly…`);
    const direct = await measure(
      directTarget(
        subgraphUrlOf(settings, subgraph),
        captured.map((f) => f.body),
        tokens,
        w,
      ),
      w.fixedRate,
      config.phases,
      cpu,
      settle,
    );
    controls[key] = { gateway, direct, subgraph };
    log(`  gateway ${searchesText(gateway)} rps vs direct ${searchesText(direct)} rps`);
  }
  // Every subgraph operation of the multi-subgraph workloads, straight to its subgraph at c=1.
  const fetchControls: Array<{ workload: string; index: number; subgraph: string; c1: Measurement['c1']; error: string | null }> = [];
  for (const key of ['dashboard-7d', 'dashboard-30d', 'dashboard-365d', 'order-list-50', 'order-detail'].filter(() => selected(config, 'control'))) {
    const first = costs[key]?.fetches[0] ?? [];
    for (const [index, f] of first.entries()) {
      const m = await measureC1(directTarget(subgraphUrlOf(settings, f.subgraph as SubgraphName), [f.body], tokens), config.phases);
      fetchControls.push({ workload: key, index, subgraph: f.subgraph, c1: m.c1, error: m.firstError });
    }
  }
  log(`per-fetch controls: ${fetchControls.map((f) => `${f.workload}#${f.index} ${f.subgraph} ${fmt(f.c1.p50)} ms`).join(', ')}`);

  // 4. Order placement and the saga lag over the real broker.
  const placements: PlacementReport[] = [];
  if (selected(config, 'placement')) {
    for (const rate of config.placement.rates) {
      log(`order placement at ${rate}/s for ${config.placement.durationS} s…`);
      const placement = await runPlacement(settings, stack.gatewayUrl, tokens.buyerToken, samples.skuIds, { ...config.placement, rate }, cpu);
      placements.push(placement);
      log(
        `  placed ${placement.placed}, reserved ${placement.reserved}; placed→reserved p50 ${placement.placedToReserved.p50} ms, p99 ${placement.placedToReserved.p99} ms`,
      );
      log(
        `  hops p50/p99/max ms: ${Object.entries(placement.hops)
          .map(([hop, s]) => `${hop} ${s.p50}/${s.p99}/${s.max}`)
          .join(' · ')}`,
      );
      await settle();
    }
  }

  // 5. Write capacity: placements at rising concurrency, past what the gateway admits at once.
  let capacity: CapacityStep[] = [];
  if (selected(config, 'placement-capacity')) {
    log(`write capacity: placeOrder closed loop at c=${config.placementCapacity.connections.join(', ')} for ${config.placementCapacity.durationS} s each…`);
    capacity = await runPlacementCapacity(stack.gatewayUrl, tokens.buyerToken, samples.skuIds, config.placementCapacity, cpu);
    for (const step of capacity) {
      log(`  c=${step.connections}: ${step.placedPerS} placed/s, ${step.refusedPerS} refused/s, ${step.failed} failed; p50 ${step.p50} ms, p99 ${step.p99} ms`);
      log(
        `    CPU ms per placed order: ${Object.entries(step.cpuMsPerPlacement)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', ')}`,
      );
    }
    await settle();
  }

  await cleanup();
  cleanups.length = 0;

  // 6. Report.
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? a / b : null);
  // Beside every throughput ratio, the steadier figure: CPU ms per request at the fixed rate, of the process
  // that differs between the two sides and of the whole system under test.
  const cpuOf = (m: Measurement | undefined, keys: string[]) => (m ? keys.reduce((sum, k) => sum + (m.cpuMsPerRequest[k] ?? 0), 0) : NaN);
  const spreadText = (a: Measurement | undefined, b: Measurement | undefined) =>
    `spread ${[a, b].map((m) => (m?.throughput.spread === null || m?.throughput.spread === undefined ? 'n/a' : `${fmt(100 * m.throughput.spread, 0)} %`)).join(' / ')}`;
  const rows: TargetRow[] = [];
  for (const [key, c] of Object.entries(controls)) {
    const r = ratio(c.gateway?.throughput.rate, c.direct?.throughput.rate);
    const cpuGateway = cpuOf(c.gateway, ['gateway', c.subgraph, 'postgres']);
    const cpuDirect = cpuOf(c.direct, [c.subgraph, 'postgres']);
    rows.push({
      figure: `gateway ÷ direct ${c.subgraph} throughput (${key})`,
      target: '≥ 0.8',
      measured: `${fmt(r, 2)} (${fmt(c.gateway?.throughput.rate, 0)} / ${fmt(c.direct?.throughput.rate, 0)} rps; ${spreadText(c.gateway, c.direct)}); CPU ms/req ${fmt(cpuGateway, 2)} vs ${fmt(cpuDirect, 2)}`,
      met: r === null ? null : r >= 0.8,
    });
  }
  for (const key of [
    'dashboard-7d',
    'dashboard-30d',
    'dashboard-365d',
    'order-list-10',
    'order-list-50',
    'order-list-200',
    'order-detail',
    'analyst-warm',
    'analyst-cold',
  ]) {
    const r = results[key];
    const value = ratio(r?.ours?.throughput.rate, r?.hive?.throughput.rate);
    const cpu = r
      ? `; gateway CPU ms/req ${fmt(cpuOf(r.ours, ['gateway']), 2)} vs ${fmt(cpuOf(r.hive, ['hive-gateway']), 2)}, all ${fmt(cpuOf(r.ours, ['gateway', 'subgraphs', 'postgres']), 2)} vs ${fmt(cpuOf(r.hive, ['hive-gateway', 'subgraphs', 'postgres']), 2)}`
      : '';
    rows.push({
      figure: `ours ÷ Hive throughput, ${key}`,
      target: '≥ 1.0',
      measured: r
        ? `${fmt(value, 2)} (${fmt(r.ours?.throughput.rate, 0)} / ${fmt(r.hive?.throughput.rate, 0)} rps; ${spreadText(r.ours, r.hive)})${cpu}`
        : `n/a (${(skipped[key] ?? 'not selected').slice(0, 60)})`,
      met: value === null ? null : value >= 1.0,
    });
  }
  for (const key of ['dashboard-7d', 'dashboard-30d', 'dashboard-365d']) {
    const e = explains[key];
    rows.push({
      figure: `dashboard SQL execution (EXPLAIN ANALYZE, ${e.statements.length} statements), ${key}`,
      target: '< 1 ms',
      measured: `${fmt(e.totalExecutionMs, 3)} ms`,
      met: e.statements.length > 0 ? e.totalExecutionMs < 1 : null,
    });
  }
  for (const key of ['dashboard-7d', 'dashboard-30d', 'dashboard-365d']) {
    const p50 = results[key]?.ours?.c1.p50;
    rows.push({
      figure: `dashboard p50 through the gateway (c=1), ${key}`,
      target: '≤ 10 ms',
      measured: `${fmt(p50)} ms`,
      met: p50 === undefined ? null : p50 <= 10,
    });
  }
  for (const placement of placements) {
    rows.push({
      figure: `order placed → stock reserved p99 (event times, ${placement.rate} orders/s)`,
      target: '≤ 50 ms',
      measured: `${fmt(placement.placedToReserved.p99, 0)} ms (p50 ${fmt(placement.placedToReserved.p50, 0)}; ack→observed p99 ${fmt(placement.ackToReservedObserved.p99, 0)})`,
      met: Number.isNaN(placement.placedToReserved.p99) ? null : placement.placedToReserved.p99 <= 50,
    });
  }
  if (placements.length === 0)
    rows.push({ figure: 'order placed → stock reserved p99 (event times)', target: '≤ 50 ms', measured: 'n/a (not selected)', met: null });
  const best = capacity.reduce<CapacityStep | null>((top, step) => (!top || step.placedPerS > top.placedPerS ? step : top), null);
  rows.push({
    figure: 'sustained placements per second under overload (best closed-loop step; every answer an order or OVERLOADED)',
    target: '> 236/s, 0 failed',
    measured: best
      ? `${fmt(best.placedPerS, 0)}/s at c=${best.connections} (p99 ${fmt(best.p99, 0)} ms); steps ${capacity.map((s) => `c=${s.connections} ${fmt(s.placedPerS, 0)}/s p99 ${fmt(s.p99, 0)} ms`).join(', ')}; failed ${capacity.reduce((sum, s) => sum + s.failed, 0)}`
      : 'n/a (not selected)',
    met: best ? best.placedPerS > 236 && capacity.every((s) => s.failed === 0) : null,
  });
  const miss = planProbes?.ours.missP50 ?? NaN;
  rows.push({
    figure: `plan-cache miss extra p50 (paired probe, ${planProbes?.ours.pairs ?? 0} pairs)`,
    target: '≤ 10 ms',
    measured: planProbes
      ? `${fmt(miss)} ms (warm ${fmt(planProbes.ours.warmP50)}, cold ${fmt(planProbes.ours.coldP50)}; Hive ${fmt(planProbes.hive.missP50)} ms)`
      : 'n/a (not selected)',
    met: !planProbes || Number.isNaN(miss) || planProbes.ours.errors > 0 ? null : miss <= 10,
  });
  const listSql = ['order-list-10', 'order-list-50', 'order-list-200'].map((k) => (costs[k]?.error ? null : (costs[k]?.totalSql ?? null)));
  const listOk = listSql.every((v) => v !== null && v <= 4) && new Set(listSql).size === 1;
  rows.push({
    figure: 'SQL statements per order-list request (10 / 50 / 200)',
    target: '≤ 4, identical',
    measured: listSql.map((v) => fmt(v, 0)).join(' / '),
    met: listSql.includes(null) ? null : listOk,
  });

  const met = (m: boolean | null) => (m === null ? 'n/a' : m ? 'yes' : 'NO');
  const cpuKeysOurs = ['gateway', 'subgraphs', 'postgres', 'load-generator'];
  const costText = (key: string) => (costs[key] && !costs[key].error ? `${costs[key].totalFetches} fetches, ${costs[key].totalSql} SQL` : 'n/a');
  const workloadRows: string[][] = [];
  for (const w of workloads.filter((x) => x.peer && results[x.key])) {
    workloadRows.push(workloadRow(w.key, 'ours', results[w.key]?.ours, costText(w.key), cpuKeysOurs));
    workloadRows.push(workloadRow('', 'hive', results[w.key]?.hive, '', ['hive-gateway', 'subgraphs', 'postgres', 'load-generator']));
  }
  for (const [key, c] of Object.entries(controls)) {
    workloadRows.push(workloadRow(key, 'ours', c.gateway, costText(key), cpuKeysOurs));
    workloadRows.push(workloadRow('', `direct ${c.subgraph}`, c.direct, '', [c.subgraph, 'postgres', 'load-generator']));
  }
  const durationS = (Date.now() - startedAt) / 1000;
  console.log(
    '\nPer workload (latency ms; throughput = highest open-loop rate with p99 ≤ ' + config.phases.p99TargetMs + ' ms and no errors; CPU ms per request):',
  );
  console.log(table(['workload', 'via', 'thr rps', 'c=1 p50 / p99', 'fixed-rate p50 / p99 @rps', 'CPU ms/req', 'per request'], workloadRows));
  for (const placement of placements) {
    console.log(
      `\nPlacement at ${placement.rate}/s: placeOrder p50 ${fmt(placement.load.p50)} ms, p99 ${fmt(placement.load.p99)} ms; ${placement.placed} placed, ${placement.reserved} reserved, ${placement.failedReservations} reservation failures`,
    );
    console.log(
      `  placed → reserved hops p50 / p99 ms: ${Object.entries(placement.hops)
        .map(([hop, h]) => `${hop} ${fmt(h.p50, 0)} / ${fmt(h.p99, 0)}`)
        .join(' · ')}`,
    );
  }
  console.log(`Calibration (node:http hello world): ${fmt(calibration.c4Rps, 0)} rps at c=4, ${fmt(calibration.c10Rps, 0)} rps at c=10`);
  console.log(
    `Data set: ${config.shape.scale}, ${dataset.reused ? 'reused' : 'generated'} (generation took ${fmt(dataset.generationSeconds)} s); rollup spot check ${dataset.rollupSpotCheck.day}: ${dataset.rollupSpotCheck.equal ? 'equal to raw orders' : 'MISMATCH'}`,
  );
  console.log('\nTargets:');
  if (config.quick) console.log('QUICK RUN: short phases and one throughput search per workload; its ratios are NOT comparable with a full run.');
  else console.log(`Throughput: median of ${config.phases.searches} searches per side; spread = (max − min) ÷ median.`);
  console.log(
    table(
      ['figure', 'target', 'measured', 'met?'],
      rows.map((r) => [r.figure, r.target, r.measured, met(r.met)]),
    ),
  );

  const file = writeJson({
    ...runContext(),
    startedAt: new Date(startedAt).toISOString(),
    durationS,
    config,
    hiveGatewayVersion: hive.version,
    calibration,
    dataset,
    targets: rows,
    costs: Object.fromEntries(Object.entries(costs).map(([k, c]) => [k, { ...c, fetches: c.fetches.slice(0, 1) }])),
    explains,
    results,
    controls,
    fetchControls,
    placements,
    capacity,
    planProbes,
    skipped,
  });
  console.log(`\nJSON: ${path.relative(REPO_ROOT, file)}; total ${fmt(durationS / 60)} min`);
}

main()
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    await cleanup();
    process.exit(1);
  });
