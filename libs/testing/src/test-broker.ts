import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '@sc/stack';

const kafkaScript = path.join(REPO_ROOT, 'infra/scripts/kafka.sh');

/**
 * Stops the test broker that `npm test` started (same data directory and ports, from the environment
 * the test command exported), to simulate a Kafka outage.
 */
export function stopTestBroker(): void {
  if (!process.env.SC_KAFKA_DIR) throw new Error('SC_KAFKA_DIR is not set: broker outages need the broker `npm test` started');
  execFileSync('bash', [kafkaScript, 'stop'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Starts the test broker again with its data intact. */
export function startTestBroker(): void {
  if (!process.env.SC_KAFKA_DIR) throw new Error('SC_KAFKA_DIR is not set: broker outages need the broker `npm test` started');
  execFileSync('bash', [kafkaScript, 'start'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
