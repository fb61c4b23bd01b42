import './plain-library-exports';
import { ConfigError, loadConfig } from './config';
import { createGatewayApp } from './create-gateway-app';
import { log } from './log';
import { configureLogging } from '@sc/logging';

// If draining takes longer than this, give up and exit non-zero so the supervisor knows.
const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  configureLogging('gateway');
  const config = loadConfig();
  const gatewayApp = await createGatewayApp(config);
  const { url, explorerUrl } = await gatewayApp.listen();
  log('info', 'gateway listening', { url, explorerUrl, healthUrl: url.replace(/\/graphql$/, '/health'), runtime: `node ${process.version}` });

  const shutdown = (signal: NodeJS.Signals) => {
    log('info', 'gateway stopping', { signal });
    setTimeout(() => {
      log('error', 'gateway did not stop in time', { deadlineMs: SHUTDOWN_DEADLINE_MS });
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    gatewayApp.stop().then(
      () => {
        log('info', 'gateway stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log('error', 'gateway stop failed', { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) log('error', error.message, { problems: error.problems });
  else log('error', 'gateway failed to start', { error: error instanceof Error ? error.stack : String(error) });
  process.exit(1);
});
