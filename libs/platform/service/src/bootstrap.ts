import { NestFactory } from '@nestjs/core';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSubgraphSchema } from '@apollo/subgraph';
import { writeFileSync } from 'node:fs';
import { ServiceConfig } from './service-config';
import { internalAuthMiddleware } from './internal-auth.middleware';

/** Starts a subgraph: gateway-only GraphQL on /graphql, open /health, graceful shutdown on SIGTERM/SIGINT. */
export async function bootstrapSubgraph(appModule: DynamicModule, config: ServiceConfig): Promise<INestApplication> {
  const app = await NestFactory.create(appModule, { logger: ['error', 'warn'] });
  app.use('/graphql', internalAuthMiddleware(config.internalSigningSecret, config.exposeSqlStatementCount));
  app.enableShutdownHooks();
  await app.listen(config.port, config.host);
  console.log(JSON.stringify({ level: 'info', service: config.serviceName, msg: 'listening', url: `http://${config.host}:${config.port}/graphql` }));
  return app;
}

/** Builds the subgraph schema without serving it and writes its SDL to `path` (used by `npm run schemas`). */
export async function printSubgraphSdl(appModule: DynamicModule, path: string): Promise<void> {
  const app = await NestFactory.create(appModule, { logger: ['error'] });
  await app.init();
  const { schema } = app.get(GraphQLSchemaHost);
  writeFileSync(path, printSubgraphSchema(schema).trim() + '\n');
  await app.close();
}
