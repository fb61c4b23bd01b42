import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type RequestHandler } from 'express';
import { GraphQLError, parse } from 'graphql';
import {
  CORRELATION_ID_HEADER,
  DEFAULT_CLIENT_TOKEN_POLICY,
  INTERNAL_CONTEXT_HEADER,
  allows,
  generateSigningKey,
  verificationKeyOf,
  verifyInternalContext,
  type Identity,
  type Permission,
  type SigningKey,
  type VerificationKey,
} from '@sc/auth';
import { writeJwksFile } from '@sc/stack';
import type { GatewayConfig } from '../config';
import type { StaffAccessAnswer } from '../staff-access';

/** What a fake subgraph saw: the verified caller and the correlation id of each request. */
export interface ReceivedRequest {
  subgraph: string;
  identity: Identity;
  correlationId: string | undefined;
}

/**
 * What the fake catalog's `POST /internal/staff-access` does for one call: answer (as the contract says),
 * fail with an HTTP status, or never answer (until stop()).
 */
export type FakeStaffAccessReply = StaffAccessAnswer | { httpStatus: number } | 'HANG';

/** Ready-made answers of the fake catalog's staff-access endpoint. */
export const staffAccessAnswers = {
  owner: (): StaffAccessAnswer => ({ owner: true, permissions: [], status: 'OWNER' }),
  active: (permissions: Permission[]): StaffAccessAnswer => ({ owner: false, permissions, status: 'ACTIVE' }),
  none: (): StaffAccessAnswer => ({ owner: false, permissions: [], status: 'NONE' }),
};

/** The fake catalog's side of the staff-access contract; tests change `reply` and read `asked`. */
export interface FakeStaffAccess {
  /** What catalog answers for a caller (verified from the gateway's internal context); by default every caller owns their shop. */
  reply: (identity: Identity) => FakeStaffAccessReply | Promise<FakeStaffAccessReply>;
  /** Every caller catalog was asked about, in order, as the internal context named them. */
  asked: Identity[];
  /** Requests refused for a missing or invalid internal context. */
  refused: number;
}

export interface FakeSubgraphs {
  supergraphSdl: string;
  urls: Record<'catalog' | 'orders', string>;
  received: ReceivedRequest[];
  staffAccess: FakeStaffAccess;
  /** Orders' `write` mutation: how many ran, and whether they wait until {@link FakeWrites.release} (while `held`). */
  writes: FakeWrites;
  stop(): Promise<void>;
}

export interface FakeWrites {
  count: number;
  held: boolean;
  /** Answers every write waiting so far. */
  release(): void;
}

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

// catalog owns Shop; orders adds a field to it, so one query needs both subgraphs (an entity fetch).
// Shop.payoutAccount needs FINANCE:VIEW, as a real subgraph checks a staff member's permission; ping is for anyone.
const CATALOG_SDL = `${LINK}
  type Query { shop: Shop ping: String }
  type Shop @key(fields: "id") { id: ID! name: String! payoutAccount: String }`;
const ORDERS_SDL = `${LINK}
  type Query { slowPing: String }
  type Mutation { write: String slowWrite: String }
  type Shop @key(fields: "id") { id: ID! orderCount: Int! }`;

/**
 * Two tiny federated subgraphs on free ports that, like the real ones, refuse requests without a valid
 * internal-context header. `slowPing` answers only after `slowMs`, for timeout tests. Catalog also answers
 * `POST /internal/staff-access` as the contract says, with whatever `staffAccess.reply` decides.
 */
export async function startFakeSubgraphs(
  /** The gateway's public key(s), as a real subgraph's INTERNAL_VERIFY_KEYS (see {@link gatewayVerifyKeys}). */
  internalVerifyKeys: readonly VerificationKey[],
  slowMs = 10_000,
  /** When set, each subgraph reports this many SQL statements per request, like EXPOSE_SQL_STATEMENT_COUNT. */
  sqlStatements?: Record<'catalog' | 'orders', number>,
): Promise<FakeSubgraphs> {
  const received: ReceivedRequest[] = [];
  // Slow answers still waiting; stop() releases them so the servers can drain at once.
  const pending = new Set<() => void>();

  const staffAccess: FakeStaffAccess = { reply: () => staffAccessAnswers.owner(), asked: [], refused: 0 };
  const heldWrites: Array<() => void> = [];
  const writes: FakeWrites = {
    count: 0,
    held: false,
    release: () => heldWrites.splice(0).forEach((answer) => answer()),
  };
  /** Resolves `value` after `ms`, or at once when stop() releases the pending answers. */
  const later = <T>(value: T, ms: number) =>
    new Promise<T>((resolve) => {
      const answer = () => {
        clearTimeout(timer);
        pending.delete(answer);
        resolve(value);
      };
      const timer = setTimeout(answer, ms);
      pending.add(answer);
    });

  const catalogHttp = createServer();
  const ordersHttp = createServer();
  const catalog = subgraphServer(
    catalogHttp,
    CATALOG_SDL,
    {
      Query: {
        shop: (_: unknown, __: unknown, ctx: { identity: Identity }) => ({ id: ctx.identity.sellerId, name: 'Demo shop' }),
        ping: () => 'pong',
      },
      Shop: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id, name: 'Demo shop' }),
        payoutAccount: (_: unknown, __: unknown, ctx: { identity: Identity }) => {
          if (!allows(ctx.identity.access, 'FINANCE:VIEW')) {
            throw new GraphQLError('This operation needs the FINANCE:VIEW permission', { extensions: { code: 'FORBIDDEN', permission: 'FINANCE:VIEW' } });
          }
          return 'DE00 1234';
        },
      },
    },
    sqlStatements?.catalog,
  );
  const orders = subgraphServer(
    ordersHttp,
    ORDERS_SDL,
    {
      Query: { slowPing: () => later('pong', slowMs) },
      Mutation: {
        write: () => {
          writes.count += 1;
          if (!writes.held) return 'written';
          return new Promise((resolve) => heldWrites.push(() => resolve('written')));
        },
        slowWrite: () => {
          writes.count += 1;
          return later('written', slowMs);
        },
      },
      Shop: { __resolveReference: (ref: { id: string }) => ({ id: ref.id, orderCount: 7 }) },
    },
    sqlStatements?.orders,
  );

  // Catalog's `POST /internal/staff-access`: 401 without a valid internal context, else the reply for its caller.
  const staffAccessRoute: RequestHandler = (req, res) => {
    void (async () => {
      const identity = await verifyInternalContext(String(req.headers[INTERNAL_CONTEXT_HEADER] ?? ''), internalVerifyKeys).catch(() => undefined);
      if (!identity) {
        staffAccess.refused += 1;
        res.status(401).json({ message: 'Requests must come through the gateway' });
        return;
      }
      staffAccess.asked.push(identity);
      const reply = await staffAccess.reply(identity);
      if (reply === 'HANG') {
        await new Promise<void>((resolve) => pending.add(resolve));
        res.status(503).end();
      } else if ('httpStatus' in reply) res.status(reply.httpStatus).json({ message: 'catalog failed' });
      else res.status(200).json(reply);
    })();
  };

  const start = async (name: string, httpServer: Server, server: ApolloServer<{ identity: Identity }>, routes: (app: express.Express) => void = () => {}) => {
    await server.start();
    const app = express();
    routes(app);
    app.use(
      '/',
      express.json(),
      expressMiddleware(server, {
        context: async ({ req }) => {
          const token = req.headers[INTERNAL_CONTEXT_HEADER];
          const identity = await verifyInternalContext(String(token ?? ''), internalVerifyKeys).catch(() => {
            throw new GraphQLError('Requests must come through the gateway', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          });
          const correlationId = req.headers[CORRELATION_ID_HEADER];
          received.push({ subgraph: name, identity, correlationId: typeof correlationId === 'string' ? correlationId : undefined });
          return { identity };
        },
      }),
    );
    httpServer.on('request', app);
    await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}/`;
  };

  const urls = {
    catalog: await start('catalog', catalogHttp, catalog, (app) => app.post('/internal/staff-access', staffAccessRoute)),
    orders: await start('orders', ordersHttp, orders),
  };
  const composed = composeServices([
    { name: 'catalog', typeDefs: parse(CATALOG_SDL), url: urls.catalog },
    { name: 'orders', typeDefs: parse(ORDERS_SDL), url: urls.orders },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));

  return {
    supergraphSdl: composed.supergraphSdl,
    urls,
    received,
    staffAccess,
    writes,
    stop: async () => {
      writes.release();
      pending.forEach((answer) => answer());
      await Promise.all([catalog.stop(), orders.stop()]);
    },
  };
}

function subgraphServer(
  httpServer: Server,
  sdl: string,
  resolvers: Record<string, Record<string, unknown>>,
  sqlStatements?: number,
): ApolloServer<{ identity: Identity }> {
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
    plugins: [ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginDrainHttpServer({ httpServer }), ...(sqlStatements === undefined ? [] : [reportSql])],
  });
}

/**
 * Keys of the in-process tests (fresh per test file): the client token issuer's, whose public half is in
 * {@link TEST_JWKS_FILE}, and the gateway's internal-context key.
 */
export const TEST_KEYS: { clientToken: SigningKey; internal: SigningKey } = { clientToken: generateSigningKey(), internal: generateSigningKey() };

const testDir = mkdtempSync(join(tmpdir(), 'sc-gateway-test-'));
process.once('exit', () => rmSync(testDir, { recursive: true, force: true }));

/** Writes the JWKS file `name` in a temporary folder (removed when the process exits), holding the public halves of `keys`. */
export function writeTestJwks(keys: readonly SigningKey[], name = 'client-jwks.json'): string {
  const file = join(testDir, name);
  writeJwksFile(file, keys.map(verificationKeyOf));
  return file;
}

/** The JWKS file testGatewayConfig() points the gateway at: TEST_KEYS.clientToken's public half. */
export const TEST_JWKS_FILE = writeTestJwks([TEST_KEYS.clientToken]);

/** What a subgraph holds to verify a gateway's internal contexts: the public half of its signing key. */
export const gatewayVerifyKeys = (config: Pick<GatewayConfig, 'internalSigningKey'>): VerificationKey[] => [verificationKeyOf(config.internalSigningKey)];

/** A complete gateway config for tests, without reading the environment (JWKS file checked on every verification). */
export function testGatewayConfig(overrides: Partial<GatewayConfig> = {}): GatewayConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    supergraphPath: '/nonexistent/supergraph.graphql',
    clientTokens: { jwks: { file: TEST_JWKS_FILE, checkIntervalMs: 0 }, ...DEFAULT_CLIENT_TOKEN_POLICY },
    internalSigningKey: TEST_KEYS.internal,
    subgraphUrls: {},
    subgraphTimeoutMs: 5000,
    subgraphTimeoutsMs: {},
    limits: { maxDepth: 12, maxCost: 5000, maxAliases: 30, maxDirectives: 50, maxTokens: 3000 },
    bodyLimitBytes: 1024 * 1024,
    nodeEnv: 'test',
    exposeQueryCosts: false,
    subgraphDedupe: true,
    staffAccess: { ttlMs: 2000, timeoutMs: 2000, cacheSize: 10_000, maxConcurrentLookups: 32 },
    admission: { maxInFlight: 32, maxQueued: 512, maxWaitMs: 2000 },
    rateLimit: null,
    ...overrides,
  };
}
