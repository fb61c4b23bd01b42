import { DynamicModule, Global, Module, Type } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MixedList } from 'typeorm';
import { dataSourceOptions } from '@sc/db';
import { ErrorLogFilter, subgraphGraphQLModule } from '@sc/graphql';
import { ServiceConfig } from './service-config';
import { SERVICE_CONFIG } from './tokens';
import { MESSAGING_SPEC, MessagingHost, MessagingSpec } from './messaging.host';
import { HealthController } from './health.controller';
import { TestClockController } from './test-clock.controller';
import { CLOCK, CommandRunner, DueWork, clockForEnvironment, commandAuditProviders } from '@sc/kit';
import { APP_FILTER, DiscoveryModule } from '@nestjs/core';

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

/**
 * Database, GraphQL, messaging, the clock, the command runner and health for a subgraph, wired the same way
 * in every service.
 */
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
        DiscoveryModule,
        subgraphGraphQLModule({ exposeSqlStatementCount: config.exposeSqlStatementCount, orphanedTypes: options.orphanedTypes }),
      ],
      controllers: [HealthController, TestClockController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: MESSAGING_SPEC, useValue: options.messaging },
        MessagingHost,
        // Read when the module is built, so a refused CLOCK_MODE stops start-up with its message.
        { provide: CLOCK, useValue: clockForEnvironment() },
        CommandRunner,
        // The service's audit topic for staff commands, and the interceptor recording refused mutations.
        ...commandAuditProviders(config.serviceName),
        DueWork,
        { provide: APP_FILTER, useClass: ErrorLogFilter },
      ],
      exports: [SERVICE_CONFIG, MessagingHost, CLOCK, CommandRunner, DueWork],
    };
  }
}

/**
 * A subgraph's root module: the service core ({@link ServiceCoreModule}: database, GraphQL, messaging, the
 * clock, the command runner, health) and the service's feature modules, in the order given.
 */
export function subgraphRootModule(root: Type, core: ServiceCoreOptions, features: Array<Type | DynamicModule>): DynamicModule {
  return { module: root, imports: [ServiceCoreModule.forRoot(core), ...features] };
}
