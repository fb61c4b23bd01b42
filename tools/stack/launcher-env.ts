import { DEMO_STACK_ENV } from '@sc/demo';

/** The NODE_ENV and extra environment `npm start` gives every process it launches. */
export interface LauncherEnv {
  nodeEnv: string;
  env: Record<string, string>;
}

/**
 * `npm start` runs what it launches as production (the subgraphs' and the gateway's production checks and
 * behaviour) unless the caller's environment sets NODE_ENV. The demo stack's shortcuts, which production
 * refuses (DEMO_STACK_ENV: a zero-length buyer-remorse window), apply only when it is not production, and
 * each only where the caller's environment does not set that variable itself.
 */
export function launcherEnv(callerEnv: NodeJS.ProcessEnv = process.env): LauncherEnv {
  // An empty variable is how shells say "unset" (as the services' own config reads it).
  const nodeEnv = callerEnv.NODE_ENV || 'production';
  const shortcuts = nodeEnv === 'production' ? {} : Object.fromEntries(Object.entries(DEMO_STACK_ENV).filter(([name]) => !callerEnv[name]));
  return { nodeEnv, env: { NODE_ENV: nodeEnv, ...shortcuts } };
}
