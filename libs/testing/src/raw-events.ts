import { EventEnvelope, TopicName } from '@sc/events';
import { createKafka, physicalTopic } from '@sc/messaging';
import { StackSettings } from '@sc/stack';

/**
 * Publishes envelopes straight to a topic of a test stack, bypassing any outbox: how tests simulate
 * redelivery (the same event twice) or a misbehaving producer.
 */
export async function publishRaw(settings: StackSettings, topic: TopicName, events: EventEnvelope[]): Promise<void> {
  const kafka = createKafka({ brokers: settings.kafkaBrokers.split(','), clientId: 'test-publisher', topicPrefix: settings.topicPrefix });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    await producer.send({
      topic: physicalTopic(settings, topic),
      acks: -1,
      messages: events.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    });
  } finally {
    await producer.disconnect();
  }
}
