// Preloaded (NODE_OPTIONS=--require) into the subgraphs of the instrumented pass only: appends every SQL
// statement a process sends through `pg` to BENCH_SQL_LOG_DIR/<pid>.jsonl, so the harness can EXPLAIN the
// dashboard's actual statements. Never loaded in timed runs.
import { appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const dir = process.env.BENCH_SQL_LOG_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${process.pid}.jsonl`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
  const original = Client.prototype.query;
  Client.prototype.query = function capture(this: unknown, ...args: unknown[]) {
    const [first, second] = args;
    const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
    const values = Array.isArray(second) ? second : (first as { values?: unknown[] } | null)?.values;
    if (text) appendFileSync(file, JSON.stringify({ at: Date.now(), text, values: values ?? [] }) + '\n');
    return original.apply(this, args);
  };
}
