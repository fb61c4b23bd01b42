import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { applyKafkajsRequestQueueFix } from './kafkajs-request-queue-fix';
import { logger } from '@sc/logging';

/** How a service reaches Kafka. `topicPrefix` namespaces every topic (tests use one per run). */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  topicPrefix: string;
}

/** The physical topic name of a logical one under the environment's prefix. */
export const physicalTopic = (settings: Pick<KafkaSettings, 'topicPrefix'>, logical: string): string => `${settings.topicPrefix}${logical}`;

/** The logical topic name of a physical one. */
export const logicalTopic = (settings: Pick<KafkaSettings, 'topicPrefix'>, physical: string): string =>
  physical.startsWith(settings.topicPrefix) ? physical.slice(settings.topicPrefix.length) : physical;

const kafkaLog = logger('kafka');

const jsonLogCreator =
  () =>
  ({ namespace, level, log }: LogEntry) => {
    // kafkajs's own `correlationId` is a protocol request number: renamed, so it is never read as a request's
    // id; its `timestamp` and `logger` repeat what every line already has.
    const { message, correlationId, timestamp: _timestamp, logger: _logger, ...extra } = log;
    const name = level === logLevel.ERROR ? 'error' : level === logLevel.WARN ? 'warn' : 'info';
    kafkaLog[name]({ namespace, ...extra, ...(correlationId === undefined ? {} : { kafkaRequestId: correlationId }) }, message);
  };

/** The one place a kafkajs client is built; errors only, as structured JSON lines. */
export function createKafka(settings: KafkaSettings): Kafka {
  applyKafkajsRequestQueueFix();
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    logLevel: logLevel.ERROR,
    logCreator: jsonLogCreator,
    connectionTimeout: 3000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8 },
  });
}
