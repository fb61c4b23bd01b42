import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateSigningKey } from '@sc/auth';
import {
  ManagedProcess,
  REPO_ROOT,
  RunningStack,
  SUBGRAPHS,
  StackSettings,
  SubgraphName,
  findFreePort,
  startGateway,
  startStack,
  subgraphUrlOf,
  waitForHealth,
} from '@sc/stack';
import { RecordingProxy } from './recording-proxy';

/** Where the bench keeps its logs, Hive's supergraph copy and results. */
export const BENCH_DIR = path.join(REPO_ROOT, '.sc/bench');

/** Settings of the bench stack: its own databases (sc_bench_<service>), free ports, fresh keys, production mode. */
export async function benchSettings(): Promise<StackSettings> {
  const ports = { gateway: await findFreePort() } as StackSettings['ports'];
  for (const { name } of SUBGRAPHS) ports[name] = await findFreePort();
  return {
    postgresUrl: process.env.SC_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    databasePrefix: process.env.SC_BENCH_DB_PREFIX ?? 'sc_bench',
    kafkaBrokers: process.env.SC_KAFKA_BROKERS ?? '127.0.0.1:19092',
    topicPrefix: '',
    clientTokenKey: generateSigningKey(),
    clientJwksFile: path.join(BENCH_DIR, 'client-jwks.json'),
    // Also what the bench signs Hive's internal contexts with (tokens.ts), so Hive's subgraph calls verify too.
    internalSigningKey: generateSigningKey(),
    ports,
    logDir: path.join(BENCH_DIR, 'logs'),
    // Rate limits on (their cost per request is part of what is measured) with a budget the load never spends.
    env: { NODE_ENV: 'production', RATE_LIMIT_CAPACITY: '1000000000', RATE_LIMIT_RESTORE_PER_SECOND: '1000000000' },
  };
}

/** The instrumented stack: counting subgraphs, a query-costs gateway, and a recording proxy per subgraph. */
export interface InstrumentedStack {
  stack: RunningStack;
  gateway: { url: string; stop(): Promise<void> };
  proxies: Map<SubgraphName, RecordingProxy>;
  stop(): Promise<void>;
}

/**
 * Subgraphs with EXPOSE_SQL_STATEMENT_COUNT and a gateway with EXPOSE_QUERY_COSTS behind recording proxies:
 * for counting SQL statements and fetches and capturing the exact subgraph operations. Never timed.
 */
export async function startInstrumentedStack(settings: StackSettings): Promise<InstrumentedStack> {
  // NODE_ENV=test: subgraphs refuse to expose statement counts in production, and this stack is never timed.
  const counting: StackSettings = { ...settings, exposeSqlStatementCount: true, env: { ...settings.env, NODE_ENV: 'test', EXPOSE_QUERY_COSTS: 'true' } };
  const stack = await startStack(counting, { gateway: false });
  const proxies = new Map<SubgraphName, RecordingProxy>();
  const viaProxies = { ...counting, ports: { ...counting.ports, gateway: await findFreePort() } };
  try {
    for (const { name } of SUBGRAPHS) {
      const proxy = new RecordingProxy(name, settings.ports[name]);
      await proxy.listen(0);
      proxies.set(name, proxy);
      viaProxies.ports[name] = proxy.port;
    }
    const gatewayProcess = await startGateway({ ...viaProxies, logDir: path.join(settings.logDir, 'instrumented') });
    const stopAll = async () => {
      await gatewayProcess.stop();
      await Promise.all([...proxies.values()].map((p) => p.close()));
      await stack.stop();
    };
    return {
      stack,
      gateway: { url: `http://127.0.0.1:${viaProxies.ports.gateway}/graphql`, stop: () => gatewayProcess.stop() },
      proxies,
      stop: stopAll,
    };
  } catch (error) {
    await Promise.all([...proxies.values()].map((p) => p.close()));
    await stack.stop();
    throw error;
  }
}

/** The timed stack: five subgraphs and our gateway, production mode, no instrumentation. */
export function startTimedStack(settings: StackSettings): Promise<RunningStack> {
  return startStack(withGatewayNodeArgs(settings));
}

/** Where BENCH_CPU_PROF=1 makes the timed gateway write its V8 CPU profile (at its exit). */
export const PROFILE_DIR = path.join(BENCH_DIR, 'profiles');

/**
 * Node options of the timed gateway: BENCH_GATEWAY_NODE_ARGS as given, and with BENCH_CPU_PROF=1 --cpu-prof, so it
 * writes its profile when it stops (open it in Chrome DevTools).
 */
function withGatewayNodeArgs(settings: StackSettings): StackSettings {
  const extra = (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (process.env.BENCH_CPU_PROF === '1') extra.push('--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`);
  return extra.length === 0 ? settings : { ...settings, gatewayNodeArgs: [...(settings.gatewayNodeArgs ?? []), ...extra] };
}

/** A running Hive Gateway. */
export interface HiveGateway {
  process: ManagedProcess;
  url: string;
  version: string;
  stop(): Promise<void>;
}

/**
 * Hive Gateway (CLI, one process, --jit) serving the same composed supergraph, with the subgraph URLs of the
 * bench stack written into a copy of it (our gateway gets the same overrides through SUBGRAPH_URL_*).
 */
export async function startHive(settings: StackSettings): Promise<HiveGateway> {
  const port = await findFreePort();
  let sdl = readFileSync(path.join(REPO_ROOT, 'schemas/supergraph.graphql'), 'utf8');
  for (const { name } of SUBGRAPHS) {
    sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1${subgraphUrlOf(settings, name)}$2`);
  }
  const dir = path.join(BENCH_DIR, 'hive');
  mkdirSync(dir, { recursive: true });
  const supergraphPath = path.join(dir, 'supergraph.graphql');
  writeFileSync(supergraphPath, sdl);
  const packageDir = path.join(REPO_ROOT, 'node_modules/@graphql-hive/gateway');
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const proc = new ManagedProcess(
    'hive-gateway',
    process.execPath,
    [
      path.join(packageDir, 'dist/bin.js'),
      'supergraph',
      supergraphPath,
      '--config-path',
      path.join(REPO_ROOT, 'dist/tools/bench/hive/gateway.config.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--fork',
      '1',
      '--jit',
      '--disable-websockets',
    ],
    { ...process.env, NODE_ENV: 'production' },
    path.join(settings.logDir, 'hive-gateway.log'),
  );
  await waitForHealth(`http://127.0.0.1:${port}/readiness`, proc);
  return { process: proc, url: `http://127.0.0.1:${port}/graphql`, version, stop: () => proc.stop() };
}
