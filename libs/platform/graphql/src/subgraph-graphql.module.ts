import { DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloFederationDriver, ApolloFederationDriverConfig } from '@nestjs/apollo';
import { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { queryTallyStore } from '@sc/db';
import { formatGraphQLError } from './format-error';
import { wellFormedTextPlugin } from './well-formed-text';

/** Reports the SQL statements a request ran as `extensions.sqlStatements`; test environments only. */
const sqlStatementCountPlugin: ApolloServerPlugin = {
  async requestDidStart() {
    return {
      async willSendResponse({ response }) {
        const tally = queryTallyStore.getStore();
        if (tally && response.body.kind === 'single') {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: tally.count };
        }
      },
    };
  },
};

/** A plugin as @nestjs/apollo's config types it. */
type NestApolloPlugin = NonNullable<ApolloFederationDriverConfig['plugins']>[number];

/**
 * @nestjs/apollo 14 is ESM and loads @apollo/server's ESM build, while this CommonJS code gets its CJS build.
 * A plugin is a plain object (the disabled ones are recognised by a string id), so one build's plugin works in
 * the other's server; only their declarations differ (a private brand on HeaderMap), hence this one cast.
 */
const forNestApollo = (plugin: ApolloServerPlugin): NestApolloPlugin => plugin as unknown as NestApolloPlugin;

/**
 * The GraphQL module every subgraph uses: code-first Federation 2, sorted SDL, typed errors, no landing page.
 * `orphanedTypes` lists entity stubs that only carry fields this service adds (no field returns them).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function subgraphGraphQLModule(options: { exposeSqlStatementCount: boolean; orphanedTypes?: Function[] }): DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    playground: false,
    introspection: true,
    path: '/graphql',
    formatError: formatGraphQLError,
    // No inline traces (ftv1) for the gateway, and no cache-control plugin: its per-field hook wraps every
    // resolver of every response (hundreds per order page) and the gateway caches no responses.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      wellFormedTextPlugin,
      ...(options.exposeSqlStatementCount ? [sqlStatementCountPlugin] : []),
    ].map(forNestApollo),
    buildSchemaOptions: { numberScalarMode: 'integer', orphanedTypes: options.orphanedTypes ?? [] },
  });
}
