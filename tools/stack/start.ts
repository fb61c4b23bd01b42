import path from 'node:path';
import { signClientToken } from '@sc/auth';
import { REPO_ROOT, SUBGRAPHS, StackSettings, loadOrCreateDevKeys, startStack } from '@sc/stack';
import { DEMO_BUYERS, DEMO_SELLER, DemoSeedResult, GatewayClient, seedDemoData, seedDemoHistory, seedDemoPageViews } from '@sc/demo';
import { launcherEnv } from './launcher-env';

// `npm start`: migrates and starts the five subgraphs and the gateway (NODE_ENV=production unless the caller
// sets it), seeds the demo shop, prints how to use it, restarts a process that crashes, and stops what it
// started on Ctrl-C. PostgreSQL and Kafka are started by start.sh.
const EXAMPLE_QUERY = `{
  shop {
    name currencyCode
    products(first: 5) { nodes { title status skus { sellerSku price { amountMinor currencyCode } availableQuantity }
      activePromotions { title discountBasisPoints } collaborations { commissionRateBps creator { handle } } } }
    orders(first: 5) { nodes { id status total { amountMinor currencyCode } cancelReason returns { status } } }
  }
}`;

const port = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
// The gateway's default AUTH_MAX_TOKEN_LIFETIME: printed tokens are as long-lived as it accepts.
const TOKEN_LIFETIME = '24h';

async function main(): Promise<void> {
  const stateDir = path.join(REPO_ROOT, '.sc');
  // Ed25519 keys made once per checkout: the demo token issuer's and the gateway's internal-context key.
  const keys = loadOrCreateDevKeys(stateDir);
  const { nodeEnv, env } = launcherEnv();
  const settings: StackSettings = {
    postgresUrl: process.env.SC_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    databasePrefix: process.env.SC_DB_PREFIX ?? 'sc',
    kafkaBrokers: process.env.SC_KAFKA_BROKERS ?? '127.0.0.1:19092',
    topicPrefix: process.env.SC_TOPIC_PREFIX ?? '',
    clientTokenKey: keys.clientTokenKey,
    // The demo issuer's public key for the gateway (AUTH_JWKS_FILE), rewritten at each start; the running gateway
    // re-reads it when it changes, so keys added to it are accepted without a restart.
    clientJwksFile: path.join(stateDir, 'client-jwks.json'),
    internalSigningKey: keys.internalSigningKey,
    ports: {
      gateway: port('GATEWAY_PORT', 4000),
      ...(Object.fromEntries(SUBGRAPHS.map(({ name, defaultPort }) => [name, port(`${name.toUpperCase()}_PORT`, defaultPort)])) as Record<
        (typeof SUBGRAPHS)[number]['name'],
        number
      >),
    },
    logDir: path.join(stateDir, 'logs'),
    env,
  };

  console.log(`Migrating and starting subgraphs and gateway (NODE_ENV=${nodeEnv})…`);
  // Supervised: a process that exits unasked is restarted with backoff, each crash and recovery printed here.
  const stack = await startStack(settings, { supervise: true });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping gateway and subgraphs…`);
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  console.log('Seeding the demo shop…');
  let seed: DemoSeedResult;
  try {
    const client = new GatewayClient(stack.gatewayUrl, settings.clientTokenKey);
    const log = (msg: string) => console.log(`  ${msg}`);
    seed = await seedDemoData(client, log);
    // Months of imported order history before today (no events), then storefront traffic over the same days.
    await seedDemoHistory(settings, log);
    await seedDemoPageViews(settings, client, log);
  } catch (error) {
    await stack.stop();
    throw error;
  }

  const sellerToken = await signClientToken(DEMO_SELLER, settings.clientTokenKey, TOKEN_LIFETIME);
  const buyerToken = await signClientToken(DEMO_BUYERS[0], settings.clientTokenKey, TOKEN_LIFETIME);
  const base = `http://127.0.0.1:${settings.ports.gateway}`;
  console.log(`
Seller Center is up.
  GraphQL endpoint : ${base}/graphql
  Explorer (offline): ${base}/explorer/
  Logs             : ${settings.logDir}

Demo seller token (header "Authorization: Bearer <token>"; valid ${TOKEN_LIFETIME}, signed with the demo issuer's key in .sc/dev-keys.json;
a fresh one: node -r ./tools/runtime/register-aliases.js dist/gateway/src/demo-token.js seller):
${sellerToken}

Demo buyer token:
${buyerToken}

Example:
curl -s ${base}/graphql -H 'content-type: application/json' -H "authorization: Bearer ${sellerToken}" \\
  -d '${JSON.stringify({ query: EXAMPLE_QUERY.replace(/\s+/g, ' ') })}'

Press Ctrl-C to stop.`);

  if (seed.heldUntil) {
    // Production runs the real buyer-remorse hour: the seed's remaining journeys follow it while this runs.
    console.log(`
${seed.heldOrders} demo orders are in their buyer-remorse hold until ${seed.heldUntil.toISOString()} (production runs the real
one-hour window). Their journeys (shipping, delivery, a return, a refund, cancellations) follow after it while this
runs, or at the next npm start; NODE_ENV=development npm start runs a zero-length window instead.`);
    seed.finish().then(
      () => console.log('Demo orders: journeys after the remorse hold done.'),
      (error: unknown) => {
        if (!stopping) console.error(`Demo orders after the remorse hold: ${error instanceof Error ? error.message : String(error)}`);
      },
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
