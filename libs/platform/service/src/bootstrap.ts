import { NestFactory } from '@nestjs/core';
import { DynamicModule, INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { FEDERATION_UNNAMED_SUBGRAPH_NAME, buildSubgraph, graphQLJSSchemaToAST } from '@apollo/federation-internals';
import { writeFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import { ServiceConfig } from './service-config';
import { internalAuthMiddleware } from './internal-auth.middleware';
import { StructuredNestLogger, addLogContextSource, configureLogging, logger } from '@sc/logging';
import { requestContextStore } from '@sc/auth';

const log = logger('bootstrap');

/**
 * Names the process in its log lines and gives every line written while a request is served that
 * request's correlation id.
 */
export function configureServiceLogging(serviceName: string): void {
  configureLogging(serviceName);
  addLogContextSource(() => {
    const context = requestContextStore.getStore();
    return context ? { correlationId: context.correlationId } : undefined;
  });
}

/** Starts a subgraph: gateway-only GraphQL on /graphql, open /health, graceful shutdown on SIGTERM/SIGINT. */
export async function bootstrapSubgraph(appModule: DynamicModule, config: ServiceConfig): Promise<INestApplication> {
  // Nest's default JSON parser stops at 100 KiB, below the gateway's limit: a large but valid body (a long product
  // description) was refused with an HTML 413 the gateway could only report as an internal error.
  const app = await NestFactory.create<NestExpressApplication>(appModule, { logger: new StructuredNestLogger(), bodyParser: false });
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.use('/graphql', internalAuthMiddleware(config.internalVerifyKeys, config.exposeSqlStatementCount));
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  log.info({ url: `http://${config.host}:${config.port}/graphql`, runtime: `node ${process.version}` }, 'listening');
  return app;
}

/**
 * The subgraph's SDL as federation reads it: its types and the federation `@link`, without the definitions of
 * the federation directives. Printed by @apollo/federation-internals, the library composition itself uses
 * (what @apollo/subgraph 2.14 did; 2.15 prints through graphql-tools and adds every directive definition).
 */
export function subgraphSdlOf(schema: GraphQLSchema): string {
  return buildSubgraph(FEDERATION_UNNAMED_SUBGRAPH_NAME, '', graphQLJSSchemaToAST(schema), false).toString().trim() + '\n';
}

/** Builds the subgraph schema without serving it and writes its SDL to `path` (used by `npm run schemas`). */
export async function printSubgraphSdl(appModule: DynamicModule, path: string): Promise<void> {
  const app = await NestFactory.create(appModule, { logger: ['error'] });
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  writeFileSync(path, subgraphSdlOf(schema));
  await app.close();
}
