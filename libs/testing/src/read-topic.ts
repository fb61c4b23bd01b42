import { randomUUID } from 'node:crypto';
import { TopicName, deadLetterTopicOf } from '@sc/events';
import { createKafka, physicalTopic } from '@sc/messaging';
import { StackSettings } from '@sc/stack';

/** A message as a test reads it back. */
export interface ReadMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads a stack's dead-letter topic from the beginning until `count` messages arrived (or the deadline
 * passed), with a throw-away consumer group.
 */
export async function readDeadLetters(settings: StackSettings, topic: TopicName, count: number, timeoutMs = 30_000): Promise<ReadMessage[]> {
  const kafka = createKafka({ brokers: settings.kafkaBrokers.split(','), clientId: 'test-reader', topicPrefix: settings.topicPrefix });
  const consumer = kafka.consumer({ groupId: `test-reader-${randomUUID()}` });
  const messages: ReadMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic: physicalTopic(settings, deadLetterTopicOf(topic)), fromBeginning: true });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      void consumer.run({
        eachMessage: async ({ message }) => {
          messages.push({
            key: message.key?.toString() ?? null,
            value: message.value?.toString() ?? null,
            headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)])),
          });
          if (messages.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return messages;
}
