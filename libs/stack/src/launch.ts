import path from 'node:path';
import { verificationKeyOf, type SigningKey } from '@sc/auth';
import { withDatabase } from '@sc/db';
import { writeJwksFile } from './dev-keys';
import { ManagedProcess } from './managed-process';
import { StackSettings } from './stack-settings';
import { ALIAS_HOOK, SUBGRAPHS, SubgraphName, gatewayScript, subgraphScript } from './topology';
import { waitForHealth } from './wait-for-health';

/** The database URL of one service under the stack's prefix. */
export const databaseUrlOf = (settings: StackSettings, name: SubgraphName): string => withDatabase(settings.postgresUrl, `${settings.databasePrefix}_${name}`);

/** The GraphQL URL a subgraph listens on. */
export const subgraphUrlOf = (settings: StackSettings, name: SubgraphName): string => `http://127.0.0.1:${settings.ports[name]}/graphql`;

/** The environment a subgraph process gets. */
export function subgraphEnv(settings: StackSettings, name: SubgraphName): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...settings.env,
    PORT: String(settings.ports[name]),
    DATABASE_URL: databaseUrlOf(settings, name),
    KAFKA_BROKERS: settings.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: settings.topicPrefix,
    // Only the public half: a subgraph cannot sign an internal context.
    INTERNAL_VERIFY_KEYS: JSON.stringify([verificationKeyOf(settings.internalSigningKey)]),
    INTERNAL_SIGNING_KEY: undefined,
    EXPOSE_SQL_STATEMENT_COUNT: settings.exposeSqlStatementCount ? 'true' : 'false',
  };
}

/** Runs a subgraph's migrations (creating its database) in a child process; resolves when done. */
export async function migrateSubgraph(settings: StackSettings, name: SubgraphName): Promise<void> {
  const proc = new ManagedProcess(
    `${name}-migrate`,
    process.execPath,
    ['-r', ALIAS_HOOK, subgraphScript(name, 'database/migrate')],
    subgraphEnv(settings, name),
    path.join(settings.logDir, `${name}-migrate.log`),
  );
  const code = await proc.whenExited();
  if (code !== 0) throw new Error(`Migrations of ${name} failed; see ${proc.logFile}`);
}

/** Starts a subgraph process and waits until it is healthy. */
export async function startSubgraph(settings: StackSettings, name: SubgraphName): Promise<ManagedProcess> {
  const proc = new ManagedProcess(
    name,
    process.execPath,
    ['-r', ALIAS_HOOK, subgraphScript(name, 'main')],
    subgraphEnv(settings, name),
    path.join(settings.logDir, `${name}.log`),
  );
  await waitForHealth(`http://127.0.0.1:${settings.ports[name]}/health`, proc);
  return proc;
}

/**
 * Publishes the client token issuer's public keys to the gateway's JWKS file: the gateway accepts tokens of
 * exactly these keys from its next verification on (it re-reads the file within a second; no restart).
 */
export function writeClientJwks(settings: StackSettings, keys: readonly SigningKey[] = [settings.clientTokenKey]): void {
  writeJwksFile(settings.clientJwksFile, keys.map(verificationKeyOf));
}

/** Starts the gateway pointed at the stack's subgraph ports and waits until it is healthy. */
export async function startGateway(settings: StackSettings): Promise<ManagedProcess> {
  writeClientJwks(settings);
  const urls = Object.fromEntries(SUBGRAPHS.map(({ name }) => [`SUBGRAPH_URL_${name.toUpperCase()}`, subgraphUrlOf(settings, name)]));
  const proc = new ManagedProcess(
    'gateway',
    process.execPath,
    [...(settings.gatewayNodeArgs ?? []), '-r', ALIAS_HOOK, gatewayScript()],
    {
      ...process.env,
      ...settings.env,
      ...urls,
      GATEWAY_PORT: String(settings.ports.gateway),
      AUTH_JWKS_FILE: settings.clientJwksFile,
      AUTH_JWKS_URL: '', // a JWKS URL in the caller's environment would conflict with the file
      INTERNAL_SIGNING_KEY: JSON.stringify(settings.internalSigningKey),
    },
    path.join(settings.logDir, 'gateway.log'),
  );
  await waitForHealth(`http://127.0.0.1:${settings.ports.gateway}/health`, proc);
  return proc;
}

/** A running set of processes. */
export interface RunningStack {
  settings: StackSettings;
  processes: Map<string, ManagedProcess>;
  gatewayUrl: string;
  stop(): Promise<void>;
}

/** Migrates and starts the given subgraphs (in parallel) and, optionally, the gateway. */
export async function startStack(settings: StackSettings, options: { subgraphs?: readonly SubgraphName[]; gateway?: boolean } = {}): Promise<RunningStack> {
  const names = options.subgraphs ?? SUBGRAPHS.map((s) => s.name);
  const processes = new Map<string, ManagedProcess>();
  const stop = async () => {
    await Promise.all([...processes.values()].reverse().map((p) => p.stop()));
  };
  try {
    await Promise.all(names.map((name) => migrateSubgraph(settings, name)));
    await Promise.all(
      names.map(async (name) => {
        processes.set(name, await startSubgraph(settings, name));
      }),
    );
    if (options.gateway ?? true) processes.set('gateway', await startGateway(settings));
  } catch (error) {
    await stop();
    throw error;
  }
  return { settings, processes, gatewayUrl: `http://127.0.0.1:${settings.ports.gateway}/graphql`, stop };
}
