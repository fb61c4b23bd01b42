import { Client, QueryResultRow } from 'pg';

/** One statement on a short-lived connection: the harness's occasional reads outside the measured stack. */
export async function queryOnce<T extends QueryResultRow = QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
