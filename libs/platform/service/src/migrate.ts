import { MixedList } from 'typeorm';
import { createDataSource, ensureDatabase } from '@sc/db';
import { configureLogging, logger } from '@sc/logging';

const log = logger('migrate');

/** Creates the service's database if needed and applies pending migrations, each in its own transaction. */
export async function migrateDatabase(options: {
  serviceName: string;
  databaseUrl: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
}): Promise<string[]> {
  await ensureDatabase(options.databaseUrl);
  const dataSource = createDataSource({
    url: options.databaseUrl,
    entities: options.entities,
    migrations: options.migrations,
    applicationName: `${options.serviceName}-migrate`,
    poolSize: 1,
  });
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Body of a service's migrate entry point: applies the pending migrations to DATABASE_URL, logs what it
 * applied, and exits non-zero with the error logged if anything fails.
 */
export function runMigrateCli(options: Omit<Parameters<typeof migrateDatabase>[0], 'databaseUrl'>): void {
  migrateFromEnvironment(options).catch((error: unknown) => {
    log.error({ err: error }, 'migrations failed');
    process.exit(1);
  });
}

async function migrateFromEnvironment(options: Omit<Parameters<typeof migrateDatabase>[0], 'databaseUrl'>): Promise<void> {
  configureLogging(`${options.serviceName}-migrate`);
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const applied = await migrateDatabase({ ...options, databaseUrl });
  log.info({ applied }, 'migrations applied');
}
