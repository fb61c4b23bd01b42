import { DynamicModule } from '@nestjs/common';
import { logger } from '@sc/logging';
import { ServiceConfig, loadServiceConfig } from './service-config';
import { bootstrapSubgraph, configureServiceLogging, printSubgraphSdl } from './bootstrap';

type ModuleFactory = (config: ServiceConfig) => DynamicModule;

const log = logger('start-up');

// The message says what to fix (a refused configuration, an unreachable database); the stack is kept for the rest.
const failWith = (error: unknown): never => {
  log.error({ err: error }, error instanceof Error ? error.message : String(error));
  process.exit(1);
};

/** Body of a service's main.ts: validated config, then serve. */
export function runSubgraph(serviceName: string, moduleFor: ModuleFactory): void {
  configureServiceLogging(serviceName);
  try {
    const config = loadServiceConfig(serviceName);
    bootstrapSubgraph(moduleFor(config), config).catch(failWith);
  } catch (error) {
    failWith(error);
  }
}

/** Body of a service's print-schema.ts: writes the SDL built from code (workers off: nothing is consumed). */
export function runPrintSchema(serviceName: string, moduleFor: ModuleFactory): void {
  try {
    const config = loadServiceConfig(serviceName, { ...process.env, RUN_WORKERS: 'false' });
    printSubgraphSdl(moduleFor(config), process.argv[2] ?? `schemas/subgraphs/${serviceName}.graphql`).catch(failWith);
  } catch (error) {
    failWith(error);
  }
}
