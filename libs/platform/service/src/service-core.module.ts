import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MixedList } from 'typeorm';
import { dataSourceOptions } from '@sc/db';
import { subgraphGraphQLModule } from '@sc/graphql';
import { ServiceConfig } from './service-config';
import { SERVICE_CONFIG } from './tokens';
import { MESSAGING_SPEC, MessagingHost, MessagingSpec } from './messaging.host';
import { HealthController } from './health.controller';

/** What a service hands to {@link ServiceCoreModule}. */
export interface ServiceCoreOptions {
  config: ServiceConfig;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function>;
  messaging: MessagingSpec;
  /** Other services' entities this service only adds fields to. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
}

/** Database, GraphQL, messaging and health for a subgraph, wired the same way in every service. */
@Global()
@Module({})
export class ServiceCoreModule {
  static forRoot(options: ServiceCoreOptions): DynamicModule {
    const { config } = options;
    return {
      module: ServiceCoreModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({
            url: config.databaseUrl,
            entities: options.entities,
            migrations: options.migrations,
            poolSize: config.dbPoolSize,
            applicationName: config.serviceName,
          }),
        ),
        subgraphGraphQLModule({ exposeSqlStatementCount: config.exposeSqlStatementCount, orphanedTypes: options.orphanedTypes }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: MESSAGING_SPEC, useValue: options.messaging },
        MessagingHost,
      ],
      exports: [SERVICE_CONFIG, MessagingHost],
    };
  }
}
