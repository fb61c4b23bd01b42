import { z } from 'zod';
import { TOPICS, deadLetterTopicOf } from '@sc/events';

/** JSON documents describing each topic: owner, key, dead-letter topic, and each event version's payload schema. */
export function eventContractDocuments(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(TOPICS).map(([topic, contract]) => [
      topic,
      {
        topic,
        owner: contract.owner,
        description: contract.description,
        deadLetterTopic: deadLetterTopicOf(topic),
        envelope: 'See schemas/events/envelope.json',
        events: Object.fromEntries(
          Object.entries(contract.events).map(([type, versions]) => [
            type,
            Object.fromEntries(Object.entries(versions as Record<string, z.ZodType>).map(([v, schema]) => [`v${v}`, z.toJSONSchema(schema)])),
          ]),
        ),
      },
    ]),
  );
}

/** JSON schema of the envelope every event travels in. */
export const ENVELOPE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'EventEnvelope',
  type: 'object',
  required: ['id', 'type', 'version', 'occurredAt', 'source', 'sellerId', 'aggregateType', 'aggregateId', 'aggregateVersion', 'correlationId', 'causationId', 'actor', 'payload'],
  properties: {
    id: { type: 'string', format: 'uuid', description: 'Unique per event; consumers deduplicate on it.' },
    type: { type: 'string', description: 'Past-tense event type, e.g. order.placed.' },
    version: { type: 'integer', minimum: 1, description: 'Payload contract version.' },
    occurredAt: { type: 'string', format: 'date-time' },
    source: { type: 'string', description: 'Producing service.' },
    sellerId: { type: 'string' },
    aggregateType: { type: 'string' },
    aggregateId: { type: 'string', description: 'Also the Kafka message key: per-aggregate order.' },
    aggregateVersion: { type: 'integer' },
    correlationId: { type: 'string' },
    causationId: { type: ['string', 'null'] },
    actor: {
      type: 'object',
      required: ['type', 'id'],
      properties: { type: { enum: ['SELLER_STAFF', 'BUYER', 'PLATFORM', 'SYSTEM', 'CARRIER', 'CREATOR'] }, id: { type: ['string', 'null'] } },
    },
    payload: { type: 'object' },
  },
};
