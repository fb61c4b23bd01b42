import { composeServices } from '@apollo/composition';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { CORRELATION_ID_HEADER, INTERNAL_CONTEXT_HEADER, verifyInternalContext, type Identity } from '@sc/auth';
import type { GatewayConfig } from '../config';

/** What a fake subgraph saw: the verified caller and the correlation id of each request. */
export interface ReceivedRequest {
  subgraph: string;
  identity: Identity;
  correlationId: string | undefined;
}

export interface FakeSubgraphs {
  supergraphSdl: string;
  urls: Record<'catalog' | 'orders', string>;
  received: ReceivedRequest[];
  stop(): Promise<void>;
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

// catalog owns Shop; orders adds a field to it, so one query needs both subgraphs (an entity fetch).
const CATALOG_SDL = `${LINK}
  type Query { shop: Shop }
  type Shop @key(fields: "id") { id: ID! name: String! }`;
const ORDERS_SDL = `${LINK}
  type Query { slowPing: String }
  type Shop @key(fields: "id") { id: ID! orderCount: Int! }`;

/**
 * Two tiny federated subgraphs on free ports that, like the real ones, refuse requests without a valid
 * internal-context header. `slowPing` answers only after `slowMs`, for timeout tests.
 */
export async function startFakeSubgraphs(
  internalSecret: string,
  slowMs = 10_000,
  /** When set, each subgraph reports this many SQL statements per request, like EXPOSE_SQL_STATEMENT_COUNT. */
  sqlStatements?: Record<'catalog' | 'orders', number>,
): Promise<FakeSubgraphs> {
  const received: ReceivedRequest[] = [];
  // Slow answers still waiting; stop() releases them so the servers can drain at once.
  const pending = new Set<() => void>();

  const catalog = subgraphServer(
    CATALOG_SDL,
    {
      Query: { shop: (_: unknown, __: unknown, ctx: { identity: Identity }) => ({ id: ctx.identity.sellerId, name: 'Demo shop' }) },
      Shop: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: 'Demo shop' }) },
    },
    sqlStatements?.catalog,
  );
  const orders = subgraphServer(
    ORDERS_SDL,
    {
      Query: {
        slowPing: () =>
          new Promise((resolve) => {
            const answer = () => {
              clearTimeout(timer);
              pending.delete(answer);
              resolve('pong');
            };
            const timer = setTimeout(answer, slowMs);
            pending.add(answer);
          }),
      },
      Shop: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, orderCount: 7 }) },
    },
    sqlStatements?.orders,
  );

  const start = async (name: string, server: ApolloServer<{ identity: Identity }>) =>
    (
      await startStandaloneServer(server, {
        listen: { port: 0, host: '127.0.0.1' },
        context: async ({ req }) => {
          const token = req.headers[INTERNAL_CONTEXT_HEADER];
          const identity = await verifyInternalContext(String(token ?? ''), internalSecret).catch(() => {
            throw new GraphQLError('Requests must come through the gateway', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          });
          const correlationId = req.headers[CORRELATION_ID_HEADER];
          received.push({ subgraph: name, identity, correlationId: typeof correlationId === 'string' ? correlationId : undefined });
          return { identity };
        },
      })
    ).url;

  const urls = { catalog: await start('catalog', catalog), orders: await start('orders', orders) };
  const composed = composeServices([
    { name: 'catalog', typeDefs: parse(CATALOG_SDL), url: urls.catalog },
    { name: 'orders', typeDefs: parse(ORDERS_SDL), url: urls.orders },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));

  return {
    supergraphSdl: composed.supergraphSdl,
    urls,
    received,
    stop: async () => {
      pending.forEach((answer) => answer());
      await Promise.all([catalog.stop(), orders.stop()]);
    },
  };
}

function subgraphServer(sdl: string, resolvers: Record<string, Record<string, unknown>>, sqlStatements?: number): ApolloServer<{ identity: Identity }> {
  const reportSql: ApolloServerPlugin = {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') response.body.singleResult.extensions = { sqlStatements };
        },
      };
    },
  };
  return new ApolloServer<{ identity: Identity }>({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]),
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), ...(sqlStatements === undefined ? [] : [reportSql])],
  });
}

/** A complete gateway config for tests, without reading the environment. */
export function testGatewayConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    supergraphPath: '/nonexistent/supergraph.graphql',
    authJwtSecret: 'test-client-secret-0123456789abcdef',
    internalSigningSecret: 'test-internal-secret-0123456789abcdef',
    subgraphUrls: {},
    subgraphTimeoutMs: 5000,
    subgraphTimeoutsMs: {},
    limits: { maxDepth: 12, maxCost: 5000, maxAliases: 30, maxDirectives: 50, maxTokens: 3000 },
    bodyLimitBytes: 1024 * 1024,
    nodeEnv: 'test',
    exposeQueryCosts: false,
    subgraphDedupe: true,
    ...overrides,
  };
}
