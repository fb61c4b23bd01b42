import './plain-library-exports';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloGateway } from '@apollo/gateway';
import type { GatewayConfig } from './config';
import type { GatewayContext } from './gateway-context';
import { createGateway } from './create-gateway';
import { createLimits } from './limits';
import { correlationId } from './correlation-id';
import { authenticator } from './authenticate';
import { healthRouter } from './health';
import { EXPLORER_PATH, explorerRouter } from './explorer';
import { bodyErrorHandler } from './body-errors';
import { errorLoggingPlugin } from './error-logging-plugin';
import { clientSafeError } from './client-errors';
import { operationRulesPlugin } from './operation-rules';
import { trafficControlPlugin } from './traffic-control';
import { Admission } from './admission';
import { CostBuckets } from './cost-buckets';
import { queryCostsPlugin } from './query-costs';
import { graphqlHttpHandler, isGraphQLPath } from './graphql-http-handler';
import { InternalContextSigner } from './internal-context-signer';
import { StaffAccessResolver, catalogStaffAccessLookup, staffAccessUrlOf, supergraphUrlOf } from './staff-access';

/** Where GraphQL operations are served. */
export const GRAPHQL_PATH = '/graphql';

export interface GatewayApp {
  app: Express;
  httpServer: Server;
  server: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  /** Starts listening (port 0 picks a free port) and returns the URLs actually bound. */
  listen(port?: number, host?: string): Promise<{ url: string; explorerUrl: string; port: number }>;
  /** Stops accepting connections, lets in-flight requests finish, then stops the gateway. Idempotent. */
  stop(): Promise<void>;
}

export interface GatewayAppOptions {
  /** The composed supergraph SDL; by default read once from config.supergraphPath. */
  supergraphSdl?: string;
  /** The clock of rate limits (tests move it); the system clock by default. */
  now?: () => number;
}

/** Builds the whole gateway (GraphQL handler, express app for the rest, Apollo Server, gateway), started but not yet listening. */
export async function createGatewayApp(config: GatewayConfig, options: GatewayAppOptions = {}): Promise<GatewayApp> {
  const supergraphSdl = options.supergraphSdl ?? readFileSync(config.supergraphPath, 'utf8');
  // First, so an unreadable AUTH_JWKS_FILE stops the start before anything else is set up.
  const authenticate = authenticator(config.clientTokens);
  // One signer for subgraph calls and for catalog's staff-access lookups, so both reuse its signatures.
  const signer = new InternalContextSigner(config.internalSigningKey);
  const gateway = createGateway(config, supergraphSdl, signer);
  const catalog = catalogStaffAccessLookup(staffAccessUrl(config, supergraphSdl), signer);
  const staffAccess = new StaffAccessResolver({
    lookup: catalog.lookup,
    ttlMs: config.staffAccess.ttlMs,
    timeoutMs: config.staffAccess.timeoutMs,
    maxEntries: config.staffAccess.cacheSize,
    maxConcurrentLookups: config.staffAccess.maxConcurrentLookups,
  });
  const app = express();
  // The request listener is attached once Apollo Server has started (it needs this server for draining).
  const httpServer = createServer();
  const limits = createLimits(config.limits);

  const server = new ApolloServer<GatewayContext>({
    gateway,
    introspection: true, // analysts' explorer needs the schema; operation-rules.ts keeps it to staff and the platform
    includeStacktraceInErrorResponses: false,
    formatError: clientSafeError,
    allowBatchedHttpRequests: false,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // We handle SIGTERM/SIGINT in main.ts, so the process can exit 0 after draining.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginLandingPageDisabled(), // the default page loads Apollo Sandbox from a CDN
      ApolloServerPluginDrainHttpServer({ httpServer }),
      errorLoggingPlugin(),
      operationRulesPlugin(),
      trafficControlPlugin({
        admission: new Admission(config.admission, options.now),
        ...(config.rateLimit ? { buckets: new CostBuckets(config.rateLimit, options.now) } : {}),
      }),
      ...(config.exposeQueryCosts ? [queryCostsPlugin()] : []),
      ...limits.plugins,
    ],
  });
  await server.start();

  app.disable('x-powered-by');
  const graphql = graphqlHttpHandler(server, {
    authenticate,
    resolveAccess: (identity, correlationId) => staffAccess.resolve(identity, correlationId),
    bodyLimitBytes: config.bodyLimitBytes,
    exposeQueryCosts: config.exposeQueryCosts,
  });
  // GraphQL skips express entirely (see graphql-http-handler.ts); express serves health and the explorer.
  httpServer.on('request', (req, res) => (isGraphQLPath(req.url, GRAPHQL_PATH) ? graphql(req, res) : app(req, res)));
  app.use(correlationId());
  app.use(healthRouter());
  app.use(explorerRouter(GRAPHQL_PATH));
  app.use(bodyErrorHandler());

  let stopping: Promise<void> | undefined;
  return {
    app,
    httpServer,
    server,
    gateway,
    listen: (port = config.port, host = config.host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const bound = (httpServer.address() as AddressInfo).port;
          const base = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
          resolve({ url: base + GRAPHQL_PATH, explorerUrl: base + EXPLORER_PATH, port: bound });
        });
      }),
    // server.stop() runs the drain plugin (closes the HTTP server, waits for in-flight requests) and then
    // stops the gateway.
    stop: () => (stopping ??= server.stop().then(() => catalog.close())),
  };
}

/** Catalog's staff-access endpoint: STAFF_ACCESS_URL, else next to catalog's GraphQL URL (SUBGRAPH_URL_CATALOG or the supergraph's). */
function staffAccessUrl(config: GatewayConfig, supergraphSdl: string): string {
  if (config.staffAccess.url) return config.staffAccess.url;
  const catalogUrl = config.subgraphUrls.CATALOG ?? supergraphUrlOf(supergraphSdl, 'catalog');
  if (!catalogUrl) throw new Error('Catalog has no URL in the supergraph, so staff access cannot be resolved; set SUBGRAPH_URL_CATALOG or STAFF_ACCESS_URL');
  return staffAccessUrlOf(catalogUrl);
}
