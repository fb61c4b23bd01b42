import { Kafka } from 'kafkajs';
import { deadLetterTopicOf } from '@sc/events';
import { KafkaSettings, physicalTopic } from './kafka-settings';

/** Partitions of every topic: events are keyed by aggregate, so this bounds how many apply in parallel. */
export const TOPIC_PARTITIONS = 3;

/** Creates the topics (and their dead-letter topics) that do not exist yet. */
export async function ensureTopics(kafka: Kafka, settings: KafkaSettings, topics: string[], partitions = TOPIC_PARTITIONS): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = topics.flatMap((t) => [t, deadLetterTopicOf(t)]).map((t) => physicalTopic(settings, t));
    const missing = [...new Set(wanted)].filter((t) => !existing.has(t));
    if (missing.length > 0) {
      await admin
        .createTopics({ waitForLeaders: true, topics: missing.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })) })
        .catch((error: { type?: string }) => {
          if (error?.type !== 'TOPIC_ALREADY_EXISTS') throw error;
        });
    }
  } finally {
    await admin.disconnect();
  }
}

/** Deletes every topic under a prefix (test clean-up). */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<void> {
  if (!prefix) throw new Error('Refusing to delete topics without a prefix');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
