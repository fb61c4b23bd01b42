import { MixedList } from 'typeorm';
import { createDataSource, ensureDatabase } from '@sc/db';

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

/** Entry point body for a service's `migrate` script: DATABASE_URL from the environment. */
export async function runMigrateCli(options: Omit<Parameters<typeof migrateDatabase>[0], 'databaseUrl'>): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  const applied = await migrateDatabase({ ...options, databaseUrl });
  console.log(JSON.stringify({ level: 'info', service: options.serviceName, msg: 'migrations applied', applied }));
}
