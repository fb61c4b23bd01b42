import 'reflect-metadata';
import { z } from 'zod';
import { createDataSource } from '@sc/db';
import { clockForEnvironment } from '@sc/kit';
import { configureLogging, logger } from '@sc/logging';
import { DEFAULT_HISTORY_DAYS, planDemoHistory } from './demo-history';
import { historyInputFor, writeDemoHistory } from './demo-history.repository';
import { entities } from './entities';

// Imports the demo shop's order history into DATABASE_URL (the demo seed runs it after the live demo orders):
// DEMO_SHOP_ID's orders of the DEMO_HISTORY_DAYS days before today, in one transaction. No events: other
// services never hear of these orders (see demo-history.ts).

const EnvSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DEMO_SHOP_ID: z.string().min(1),
  DEMO_HISTORY_DAYS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(366).default(DEFAULT_HISTORY_DAYS)),
});

const log = logger('demo-history');

async function main(): Promise<void> {
  configureLogging('orders-demo-history');
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const { DATABASE_URL: url, DEMO_SHOP_ID: sellerId, DEMO_HISTORY_DAYS: days } = parsed.data;
  // The service's clock: a test stack's controlled clock starts at the real time, like the service's own.
  const now = clockForEnvironment().now();
  const dataSource = createDataSource({ url, entities, migrations: [], applicationName: 'orders-demo-history', poolSize: 1 });
  await dataSource.initialize();
  try {
    const written = await dataSource.transaction(async (manager) => {
      const input = await historyInputFor(manager, sellerId, now, days);
      // Prices come from catalog's events; without them there is nothing to sell yet.
      if (input.skus.length === 0) throw new Error(`Shop ${sellerId} has no sellable SKUs in orders' price read model yet`);
      return writeDemoHistory(manager, sellerId, planDemoHistory(input));
    });
    log.info({ sellerId, days, ...written }, 'demo history written');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  log.error({ err: error }, 'demo history failed');
  process.exit(1);
});
