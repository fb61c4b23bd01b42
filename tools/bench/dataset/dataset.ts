import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { dropDatabase } from '@sc/db';
import { REPO_ROOT, SUBGRAPHS, StackSettings, SubgraphName, databaseUrlOf, migrateSubgraph } from '@sc/stack';
import { queryOnce } from '../stack/query-once';
import { generateCatalog } from './catalog-data';
import { generateOrders, spotCheckRollup } from './orders-data';
import { generateCreators, generateMarketing, generateReturns } from './satellite-data';
import { DATASET_VERSION, DatasetShape } from './shape';

/** A data set older than this is regenerated, so "the last 7 days" still has orders in it. */
const MAX_AGE_MS = 3 * 86_400_000;

/** What the harness reports about the data set. */
export interface DatasetReport {
  fingerprint: string;
  reused: boolean;
  generatedAt: string;
  generationSeconds: number;
  /** Seconds per service of the last generation. */
  perService: Record<string, number>;
  rows: Record<string, number>;
  rollupSpotCheck: Awaited<ReturnType<typeof spotCheckRollup>>;
}

/**
 * The data set's identity: generator version, scale and every service's migration files. A new migration
 * (say, another rollup table) changes it, and the data set is rebuilt with the new schema.
 */
export function datasetFingerprint(shape: DatasetShape): string {
  const hash = createHash('sha256').update(`${DATASET_VERSION}|${JSON.stringify(shape)}`);
  for (const { name } of SUBGRAPHS) {
    const dir = path.join(REPO_ROOT, 'dist/services', name, 'src/database/migrations');
    const files = existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /^\d+-.*\.js$/.test(f))
          .sort()
      : [];
    hash.update(`|${name}:${files.join(',')}`);
  }
  return hash.digest('hex').slice(0, 16);
}

const MARKER_TABLE = 'bench_dataset';

async function readMarker(url: string): Promise<{ fingerprint: string; generated_at: Date; seconds: string; per_service: Record<string, number> } | null> {
  const client = new Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    return null; // no database yet
  }
  try {
    const { rows } = await client.query(`SELECT fingerprint, generated_at, seconds::text, per_service FROM ${MARKER_TABLE} WHERE id = 1`);
    return rows[0] ?? null;
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

async function writeMarker(url: string, fingerprint: string, seconds: number, perService: Record<string, number>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${MARKER_TABLE} (id int PRIMARY KEY, fingerprint text NOT NULL, generated_at timestamptz NOT NULL, seconds numeric NOT NULL, per_service jsonb NOT NULL)`,
    );
    await client.query(
      `INSERT INTO ${MARKER_TABLE} (id, fingerprint, generated_at, seconds, per_service) VALUES (1, $1, now(), $2, $3)
       ON CONFLICT (id) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, generated_at = EXCLUDED.generated_at, seconds = EXCLUDED.seconds, per_service = EXCLUDED.per_service`,
      [fingerprint, seconds, JSON.stringify(perService)],
    );
  } finally {
    await client.end();
  }
}

async function countRows(settings: StackSettings): Promise<Record<string, number>> {
  const tables: Array<[SubgraphName, string]> = [
    ['orders', 'orders'],
    ['orders', 'order_lines'],
    ['orders', 'dashboard_order_facts'],
    ['orders', 'dashboard_daily_sales'],
    ['catalog', 'shops'],
    ['catalog', 'products'],
    ['catalog', 'skus'],
    ['marketing', 'promotions'],
    ['creators', 'collaborations'],
    ['returns', 'return_requests'],
  ];
  const out: Record<string, number> = {};
  for (const [service, table] of tables) {
    const client = new Client({ connectionString: databaseUrlOf(settings, service) });
    await client.connect();
    try {
      // The planner's estimate after VACUUM ANALYZE: exact enough and instant on millions of rows.
      const { rows } = await client.query(`SELECT reltuples::bigint AS n FROM pg_class WHERE relname = $1`, [table]);
      out[`${service}.${table}`] = Number(rows[0]?.n ?? 0);
    } finally {
      await client.end();
    }
  }
  return out;
}

/**
 * Makes sure the bench databases hold the current data set: reuses it when every database's marker row
 * matches and it is fresh, otherwise drops the five databases, migrates them and generates everything.
 */
export async function ensureDataset(settings: StackSettings, shape: DatasetShape, log: (msg: string) => void): Promise<DatasetReport> {
  const fingerprint = datasetFingerprint(shape);
  const markers = await Promise.all(SUBGRAPHS.map(({ name }) => readMarker(databaseUrlOf(settings, name))));
  const fresh = markers.every((m) => m && m.fingerprint === fingerprint && Date.now() - new Date(m.generated_at).getTime() < MAX_AGE_MS);
  let reused = true;
  let seconds = Number(markers[0]?.seconds ?? 0);
  let perService: Record<string, number> = markers[0]?.per_service ?? {};
  let generatedAt = markers[0]?.generated_at ? new Date(markers[0].generated_at).toISOString() : '';
  if (!fresh) {
    reused = false;
    log(`generating the ${shape.scale} data set (${shape.bigOrders.toLocaleString('en-US')} orders in the big shop, ${shape.smallShops} small shops)…`);
    const started = Date.now();
    await Promise.all(SUBGRAPHS.map(({ name }) => dropDatabase(databaseUrlOf(settings, name))));
    await Promise.all(SUBGRAPHS.map(({ name }) => migrateSubgraph(settings, name)));
    const nowMs = Date.now();
    // Products and shops are timestamped well before the order history starts.
    const baseMs = nowMs - (shape.historyDays + 30) * 86_400_000;
    perService = {};
    let rollupSource = '';
    const timed = async (name: SubgraphName, run: () => Promise<void>) => {
      const t0 = Date.now();
      await run();
      perService[name] = (Date.now() - t0) / 1000;
      log(`  ${name}: ${perService[name].toFixed(1)} s`);
    };
    const url = (name: SubgraphName) => databaseUrlOf(settings, name);
    // Two cores: the big orders load runs alongside the small ones, not all five at once.
    await Promise.all([
      timed('orders', async () => {
        rollupSource = await generateOrders(url('orders'), shape, baseMs, nowMs, log);
        log(`  rollups from: ${rollupSource}`);
      }),
      (async () => {
        await timed('catalog', () => generateCatalog(url('catalog'), shape, baseMs));
        await timed('returns', () => generateReturns(url('returns'), shape, baseMs, nowMs));
        await timed('marketing', () => generateMarketing(url('marketing'), shape, baseMs, nowMs));
        await timed('creators', () => generateCreators(url('creators'), shape, baseMs));
      })(),
    ]);
    seconds = (Date.now() - started) / 1000;
    generatedAt = new Date().toISOString();
    await Promise.all(SUBGRAPHS.map(({ name }) => writeMarker(url(name), fingerprint, seconds, { ...perService, rollupSource } as never)));
    log(`data set generated in ${seconds.toFixed(1)} s`);
    // Generation leaves gigabytes of dirty pages; the checkpointer would otherwise write them out during the
    // first measurements and stall every commit behind that I/O.
    const t0 = Date.now();
    await queryOnce(url('orders'), 'CHECKPOINT'); // the server's checkpoint, not one database's
    log(`checkpoint after generation: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } else {
    log(`reusing the ${shape.scale} data set ${fingerprint} (generated ${generatedAt} in ${seconds.toFixed(1)} s)`);
  }
  const rollupSpotCheck = await spotCheckRollup(databaseUrlOf(settings, 'orders'));
  log(
    `rollup spot check ${rollupSpotCheck.day}: rollup gmv ${rollupSpotCheck.rollup.gmv} / ${rollupSpotCheck.rollup.orders} orders, ` +
      `raw gmv ${rollupSpotCheck.raw.gmv} / ${rollupSpotCheck.raw.orders} orders → ${rollupSpotCheck.equal ? 'equal' : 'MISMATCH'}`,
  );
  return { fingerprint, reused, generatedAt, generationSeconds: seconds, perService, rows: await countRows(settings), rollupSpotCheck };
}
