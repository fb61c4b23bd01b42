import { Client } from 'pg';

/** A pg client with the session settings a bulk load wants; `log` gets one line per slow step. */
export async function bulkSession(url: string): Promise<Client> {
  const client = new Client({ connectionString: url });
  await client.connect();
  // Triggers stay on (some maintain denormalised columns the schema relies on); a crash just means
  // regenerating, so commits need not wait for the WAL flush. Index builds get more memory.
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SET maintenance_work_mem = '256MB'`);
  await client.query(`SET work_mem = '64MB'`);
  return client;
}

/** Runs and times one named step of a generator, logging `<service>: <step> <seconds> s`. */
export type StepTimer = <T>(name: string, run: () => Promise<T>) => Promise<T>;

export function stepTimer(service: string, log: (msg: string) => void): StepTimer {
  return async (name, run) => {
    const started = Date.now();
    const result = await run();
    log(`    ${service}: ${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  };
}

/**
 * Loads big tables without their secondary indexes: drops every index of `tables` that no constraint owns,
 * runs `load`, then recreates them from their stored definitions (whatever the migrations made them).
 */
export async function withoutSecondaryIndexes(clients: [Client, ...Client[]], tables: string[], step: StepTimer, load: () => Promise<void>): Promise<void> {
  const [client] = clients;
  const { rows } = await client.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  );
  for (const row of rows) await client.query(`DROP INDEX "${row.indexname}"`);
  await load();
  // One build per session at a time, sessions side by side: a build's single-threaded phases leave a core idle.
  await step(`${rows.length} secondary indexes`, () => eachOnSessions(clients, rows, (session, row) => session.query(row.indexdef)));
}

/** Runs statements in order. */
export async function runAll(client: Client, statements: string[]): Promise<void> {
  for (const sql of statements) await client.query(sql);
}

/** Runs `work` for every item, each session taking the next item as soon as it is free; stops taking items after a failure. */
export async function eachOnSessions<T>(clients: Client[], items: T[], work: (client: Client, item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    clients.map(async (client) => {
      while (!failed && next < items.length) {
        try {
          await work(client, items[next++]);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
}
