import { Client } from 'pg';

/**
 * Resolves once no statement is running in the bench databases (two polls in a row) or after `maxMs`: requests
 * a load step abandoned keep running in the gateway, subgraphs and PostgreSQL, and would otherwise slow down
 * the next measurement.
 */
export function settler(postgresUrl: string, databasePrefix: string, maxMs = 30_000): () => Promise<void> {
  return async () => {
    const client = new Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const deadline = Date.now() + maxMs;
      let quiet = 0;
      while (quiet < 2 && Date.now() < deadline) {
        const { rows } = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname LIKE $1 AND state = 'active' AND pid <> pg_backend_pid()`,
          [`${databasePrefix}\\_%`],
        );
        quiet = rows[0].n === 0 ? quiet + 1 : 0;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await client.end();
    }
  };
}
