import path from 'node:path';
import { verificationKeyOf, type SigningKey } from '@sc/auth';
import { withDatabase } from '@sc/db';
import { writeJwksFile } from './dev-keys';
import { ManagedProcess } from './managed-process';
import { StackSettings } from './stack-settings';
import { BackoffPolicy } from './restart-backoff';
import { Supervisor, SupervisorEvent, SupervisorTimers, describeSupervisorEvent } from './supervisor';
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
export function startSubgraph(settings: StackSettings, name: SubgraphName, signal?: AbortSignal): Promise<ManagedProcess> {
  const proc = new ManagedProcess(
    name,
    process.execPath,
    ['-r', ALIAS_HOOK, subgraphScript(name, 'main')],
    subgraphEnv(settings, name),
    path.join(settings.logDir, `${name}.log`),
  );
  return healthy(proc, `http://127.0.0.1:${settings.ports[name]}/health`, signal);
}

// A process that never became healthy is stopped, so a failed start leaves nothing bound to its port.
async function healthy(proc: ManagedProcess, url: string, signal?: AbortSignal): Promise<ManagedProcess> {
  try {
    await waitForHealth(url, proc, undefined, signal);
    return proc;
  } catch (error) {
    await proc.stop();
    throw error;
  }
}

/**
 * Publishes the client token issuer's public keys to the gateway's JWKS file: the gateway accepts tokens of
 * exactly these keys from its next verification on (it re-reads the file within a second; no restart).
 */
export function writeClientJwks(settings: StackSettings, keys: readonly SigningKey[] = [settings.clientTokenKey]): void {
  writeJwksFile(settings.clientJwksFile, keys.map(verificationKeyOf));
}

/** Starts the gateway pointed at the stack's subgraph ports, with the client JWKS file written first, and waits until it is healthy. */
export async function startGateway(settings: StackSettings): Promise<ManagedProcess> {
  writeClientJwks(settings);
  return launchGateway(settings);
}

/**
 * Starts the gateway process and waits until it is healthy, leaving the client JWKS file as it is (a restart
 * keeps whatever keys were published to it since).
 */
function launchGateway(settings: StackSettings, signal?: AbortSignal): Promise<ManagedProcess> {
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
  return healthy(proc, `http://127.0.0.1:${settings.ports.gateway}/health`, signal);
}

/** One process of a running stack; after a supervised restart, `child` is the new process. */
export interface StackProcess {
  readonly name: string;
  readonly logFile: string;
  readonly child: ManagedProcess['child'];
  readonly running: boolean;
  stop(): Promise<void>;
}

/** A stack process under a {@link Supervisor}: restarted with backoff when it exits unasked. */
export class SupervisedProcess implements StackProcess {
  constructor(private readonly supervisor: Supervisor<ManagedProcess>) {}

  get name(): string {
    return this.supervisor.current.name;
  }

  get logFile(): string {
    return this.supervisor.current.logFile;
  }

  get child(): ManagedProcess['child'] {
    return this.supervisor.current.child;
  }

  get running(): boolean {
    return this.supervisor.current.running;
  }

  /** Stops supervising, then the process; nothing is restarted afterwards. */
  stop(): Promise<void> {
    return this.supervisor.stop();
  }
}

/** Restarting processes that exit unexpectedly (`npm start` does; test stacks only when asked). */
export interface SupervisionOptions {
  /** Default: 0.5 s doubling to 30 s, reset after a minute of health ({@link DEFAULT_BACKOFF}). */
  policy?: BackoffPolicy;
  /** Receives each crash, failed restart and recovery; default: one line each on the console. */
  report?: (event: SupervisorEvent) => void;
  /** For tests of the supervision itself. */
  timers?: SupervisorTimers;
}

/** A running set of processes. */
export interface RunningStack {
  settings: StackSettings;
  processes: Map<string, StackProcess>;
  gatewayUrl: string;
  stop(): Promise<void>;
}

/** What {@link startStack} runs: which subgraphs, the gateway or not, and whether crashed processes are restarted. */
export interface StartStackOptions {
  subgraphs?: readonly SubgraphName[];
  gateway?: boolean;
  /** Off unless given: a test that kills a process expects it to stay dead unless it asked otherwise. */
  supervise?: boolean | SupervisionOptions;
}

/** Migrates and starts the given subgraphs (in parallel) and, optionally, the gateway. */
export async function startStack(settings: StackSettings, options: StartStackOptions = {}): Promise<RunningStack> {
  const names = options.subgraphs ?? SUBGRAPHS.map((s) => s.name);
  const processes = new Map<string, StackProcess>();
  const supervision = options.supervise === true ? {} : options.supervise || undefined;
  const run = async (key: string, start: (signal?: AbortSignal) => Promise<ManagedProcess>): Promise<void> => {
    if (!supervision) {
      processes.set(key, await start());
      return;
    }
    const supervisor = await Supervisor.start({
      name: key,
      start,
      policy: supervision.policy,
      timers: supervision.timers,
      report: supervision.report ?? ((event) => console.log(describeSupervisorEvent(event))),
    });
    processes.set(key, new SupervisedProcess(supervisor));
  };
  const stop = async () => {
    await Promise.all([...processes.values()].reverse().map((p) => p.stop()));
  };
  try {
    await Promise.all(names.map((name) => migrateSubgraph(settings, name)));
    await Promise.all(names.map((name) => run(name, (signal) => startSubgraph(settings, name, signal))));
    if (options.gateway ?? true) {
      writeClientJwks(settings);
      await run('gateway', (signal) => launchGateway(settings, signal));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { settings, processes, gatewayUrl: `http://127.0.0.1:${settings.ports.gateway}/graphql`, stop };
}
