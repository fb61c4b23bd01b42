import { randomBytes } from 'node:crypto';
import { generateSigningKey } from '@sc/auth';
import path from 'node:path';
import { Client } from 'pg';
import { dropDatabase } from '@sc/db';
import { createKafka, deleteTopicsWithPrefix } from '@sc/messaging';
import { REPO_ROOT, RunningStack, SUBGRAPHS, StackSettings, SubgraphName, SupervisionOptions, databaseUrlOf, findFreePort, startStack } from '@sc/stack';

/** The broker the test command started; tests never start their own. */
export function testKafkaBrokers(): string {
  const brokers = process.env.SC_TEST_KAFKA_BROKERS;
  if (!brokers) throw new Error('SC_TEST_KAFKA_BROKERS is not set: run tests through `npm test` (it starts Kafka)');
  return brokers;
}

/** PostgreSQL server for tests. */
/** Gateway rate limits on, with a budget so large that no caller runs out (tests, the benchmark). */
export const UNLIMITED_BUDGET: Readonly<Record<string, string>> = { RATE_LIMIT_CAPACITY: '1000000000', RATE_LIMIT_RESTORE_PER_SECOND: '1000000000' };

export const testPostgresUrl = (): string => process.env.SC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Fresh settings: own databases, own topic prefix, free ports, fresh keys (client token issuer, gateway). */
export async function testStackSettings(label: string): Promise<StackSettings> {
  const runId = `${label.replace(/[^a-z0-9]/g, '')}${randomBytes(3).toString('hex')}`;
  const ports = { gateway: await findFreePort() } as StackSettings['ports'];
  for (const { name } of SUBGRAPHS) ports[name] = await findFreePort();
  const logDir = path.join(REPO_ROOT, '.sc/test-logs', runId);
  return {
    postgresUrl: testPostgresUrl(),
    databasePrefix: `sct_${runId}`,
    kafkaBrokers: testKafkaBrokers(),
    topicPrefix: `t_${runId}.`,
    clientTokenKey: generateSigningKey(),
    clientJwksFile: path.join(logDir, 'client-jwks.json'),
    internalSigningKey: generateSigningKey(),
    ports,
    logDir,
    exposeSqlStatementCount: true,
    // Counts per request (SQL statements per subgraph, fetches per subgraph) for the exact-count tests, which
    // production refuses: test stacks are NODE_ENV=test whatever the caller's environment says. Rate limits stay
    // on (every answer reports its cost) with a budget no test exhausts: tests drive a few identities hard; the
    // limits themselves are tested in process (gateway/src/create-gateway-app.spec.ts).
    env: { NODE_ENV: 'test', OUTBOX_POLL_INTERVAL_MS: '50', EXPOSE_QUERY_COSTS: 'true', ...UNLIMITED_BUDGET },
  };
}

/** A stack for one test file; `dispose` stops it and removes its databases and topics. */
export interface TestStack extends RunningStack {
  dispose(): Promise<void>;
  /** A client of one service's own database, for assertions on stored state. */
  db(name: SubgraphName): Promise<Client>;
}

/** What a test stack runs: which subgraphs, the gateway or not, and extra environment for every process. */
export interface TestStackOptions {
  subgraphs: readonly SubgraphName[];
  gateway?: boolean;
  /** Added to (and overriding) the test defaults, e.g. DEMO_STACK_ENV for a stack that runs the demo seed. */
  env?: Record<string, string>;
  /**
   * Restart a process that exits unasked, as `npm start` does (see startStack). Off by default: a test that
   * kills a process expects it to stay down.
   */
  supervise?: boolean | SupervisionOptions;
}

/** Starts the given subgraphs (and the gateway if asked) with fresh databases and topics. */
export async function startTestStack(label: string, options: TestStackOptions): Promise<TestStack> {
  const defaults = await testStackSettings(label);
  const settings: StackSettings = { ...defaults, env: { ...defaults.env, ...options.env } };
  const stack = await startStack(settings, { subgraphs: options.subgraphs, gateway: options.gateway ?? false, supervise: options.supervise ?? false });
  const clients: Client[] = [];
  return {
    ...stack,
    async db(name) {
      const client = new Client({ connectionString: databaseUrlOf(settings, name) });
      await client.connect();
      clients.push(client);
      return client;
    },
    async dispose() {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await stack.stop();
      await Promise.all(options.subgraphs.map((name) => dropDatabase(databaseUrlOf(settings, name)).catch(() => undefined)));
      const kafka = createKafka({ brokers: settings.kafkaBrokers.split(','), clientId: 'test-cleanup', topicPrefix: settings.topicPrefix });
      await deleteTopicsWithPrefix(kafka, settings.topicPrefix).catch(() => undefined);
    },
  };
}
