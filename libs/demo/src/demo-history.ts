import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ALIAS_HOOK, ManagedProcess, StackSettings, subgraphEnv, subgraphScript } from '@sc/stack';
import { DEMO_SELLER_ID } from './demo-identities';

/** Days of order history before today that the demo shop gets (storefront traffic covers the same days). */
export const DEMO_HISTORY_DAYS = 120;

/**
 * Imports the demo shop's order history: orders' own `database/demo-history-cli` run against orders' database,
 * with the orders subgraph's environment. It plans 2–9 orders a day for the `days` before today from the prices
 * orders already holds, and writes them with their packages, timers and dashboard figures in one transaction,
 * without events (imported history: catalog, returns, marketing and creators never hear of these orders). Run it
 * after `seedDemoData`, which gives orders the shop's prices and shipping setting; a rerun adds only new days.
 */
export async function seedDemoHistory(settings: StackSettings, log: (msg: string) => void, days = DEMO_HISTORY_DAYS): Promise<void> {
  const logFile = path.join(settings.logDir, 'orders-demo-history.log');
  const proc = new ManagedProcess(
    'orders-demo-history',
    process.execPath,
    ['-r', ALIAS_HOOK, subgraphScript('orders', 'database/demo-history-cli')],
    { ...subgraphEnv(settings, 'orders'), DEMO_SHOP_ID: DEMO_SELLER_ID, DEMO_HISTORY_DAYS: String(days) },
    logFile,
  );
  const code = await proc.whenExited();
  if (code !== 0) throw new Error(`The demo order history failed; see ${logFile}`);
  const written = lastLogLine(logFile, 'demo history written');
  log(`order history: ${days} days, ${written?.inserted ?? '?'} new of ${written?.planned ?? '?'} orders`);
}

/** The last JSON log line with this message (the log file is appended to by every run). */
function lastLogLine(file: string, msg: string): Record<string, unknown> | undefined {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => line.msg === msg)
    .at(-1);
}
