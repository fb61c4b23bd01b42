import { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { CountingQueryLogger } from './query-counter';
import { OutboxRecord } from './outbox-record.entity';
import { InboxRecord } from './inbox-record.entity';

/** What a service tells the factory about its database. */
export interface ServiceDataSourceConfig {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName: string;
}

/**
 * TypeORM options every service shares: PostgreSQL, snake_case columns, migrations only (never
 * synchronize), the outbox/inbox entities, and a logger that can count statements per request.
 */
export function dataSourceOptions(config: ServiceDataSourceConfig): DataSourceOptions {
  const entities = [...(config.entities as unknown[]), OutboxRecord, InboxRecord] as DataSourceOptions['entities'];
  return {
    type: 'postgres',
    url: config.url,
    applicationName: config.applicationName,
    entities,
    migrations: config.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    logging: ['query', 'error', 'warn'],
    logger: new CountingQueryLogger(),
    extra: { max: config.poolSize ?? 10 },
  };
}

/** A DataSource built from {@link dataSourceOptions}; not yet initialized. */
export function createDataSource(config: ServiceDataSourceConfig): DataSource {
  return new DataSource(dataSourceOptions(config));
}
