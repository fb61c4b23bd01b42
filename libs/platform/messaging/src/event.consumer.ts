import { DataSource } from 'typeorm';
import { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { EventEnvelope, TopicName, deadLetterTopicOf, isEventEnvelope, payloadSchemaFor } from '@sc/events';
import { KafkaSettings, logicalTopic, physicalTopic } from './kafka-settings';
import { EventHandler } from './event-handler';
import { TOPIC_PARTITIONS } from './topic.admin';
import { logger, withLogContext } from '@sc/logging';

const log = logger('event.consumer');

/** Tuning of a consumer. */
export interface EventConsumerOptions {
  /** Names the consumer group and the inbox rows; one per service and purpose. */
  consumerName: string;
  handlers: EventHandler[];
  maxAttempts?: number;
  retryBackoffMs?: number;
  /**
   * Partitions applied at the same time (default: every partition of a topic, {@link TOPIC_PARTITIONS}). Events of one
   * aggregate share a key, hence a partition, so their order holds; events of different aggregates no longer
   * queue behind each other's transactions.
   */
  partitionsConsumedConcurrently?: number;
}

type Outcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Consumes the handlers' topics as one consumer group. Each event is applied at most once (inbox row in
 * the same transaction as the effect), retried a bounded number of times, then parked on `<topic>.dlq`.
 */
export class EventConsumer {
  private consumer: Consumer | null = null;
  private dlqProducer: Producer | null = null;
  private stopped = false;
  private readonly maxAttempts: number;
  private readonly retryBackoffMs: number;
  // Several handlers may apply the same event type (e.g. two read models of product.created); they run in one inbox transaction.
  private readonly handlers = new Map<string, EventHandler[]>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly options: EventConsumerOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBackoffMs = options.retryBackoffMs ?? 200;
    for (const handler of options.handlers) {
      const key = `${handler.topic}|${handler.eventType}`;
      this.handlers.set(key, [...(this.handlers.get(key) ?? []), handler]);
    }
  }

  /** Topics this consumer subscribes to (logical names). */
  get topics(): TopicName[] {
    return [...new Set(this.options.handlers.map((h) => h.topic))];
  }

  /** Joins the group and starts consuming; restarts itself after a crash until stopped. */
  async start(): Promise<void> {
    if (this.handlers.size === 0) return;
    this.stopped = false;
    await this.connect();
  }

  /** Leaves the group. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.dlqProducer?.disconnect().catch(() => undefined);
    this.consumer = null;
    this.dlqProducer = null;
  }

  /** Applies one decoded event exactly once; exposed for tests that replay deliveries. */
  async apply(topic: TopicName, event: EventEnvelope): Promise<Outcome> {
    // Every line logged while the event is applied carries the correlation id of the request that caused it.
    return withLogContext({ correlationId: event.correlationId, eventId: event.id, eventType: event.type }, () => this.applyOnce(topic, event));
  }

  private async applyOnce(topic: TopicName, event: EventEnvelope): Promise<Outcome> {
    const handlers = this.handlers.get(`${topic}|${event.type}`);
    if (!handlers) return 'ignored';
    const schema = payloadSchemaFor(topic, event.type, event.version);
    if (!schema) throw new UnprocessableEventError(`No contract for ${event.type} v${event.version} on ${topic}`);
    const parsed = schema.safeParse(event.payload);
    if (!parsed.success) throw new UnprocessableEventError(`Payload breaks the contract: ${parsed.error.message}`);
    return this.dataSource.transaction(async (manager) => {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO inbox (consumer, event_id, topic, event_type) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.options.consumerName, event.id, topic, event.type],
      );
      if (inserted.length === 0) return 'duplicate';
      for (const handler of handlers) await handler.handle({ ...event, payload: parsed.data }, manager);
      return 'applied';
    });
  }

  private async connect(): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: `${this.settings.topicPrefix}${this.options.consumerName}`,
      allowAutoTopicCreation: false,
      sessionTimeout: 10_000,
      heartbeatInterval: 1_000,
      retry: { retries: 10, initialRetryTime: 300, maxRetryTime: 5_000 },
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (this.stopped || event.payload.restart) return;
      // kafkajs gave up; start a fresh consumer so a long broker outage never ends consumption.
      setTimeout(() => void this.reconnect(), 2_000);
    });
    await consumer.connect();
    for (const topic of this.topics) await consumer.subscribe({ topic: physicalTopic(this.settings, topic), fromBeginning: true });
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? TOPIC_PARTITIONS,
      eachMessage: async ({ topic, message }) => this.onMessage(logicalTopic(this.settings, topic) as TopicName, message),
    });
    this.consumer = consumer;
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    await this.consumer?.disconnect().catch(() => undefined);
    this.consumer = null;
    try {
      await this.connect();
    } catch {
      setTimeout(() => void this.reconnect(), 2_000);
    }
  }

  private async onMessage(topic: TopicName, message: KafkaMessage): Promise<void> {
    let event: unknown;
    try {
      event = JSON.parse(message.value?.toString('utf8') ?? 'null');
    } catch {
      event = null;
    }
    if (!isEventEnvelope(event)) {
      log.error({ topic, reason: 'not an event envelope' }, 'event dead-lettered');
      return this.deadLetter(topic, message, 'not an event envelope');
    }
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.apply(topic, event);
        return;
      } catch (error) {
        const final = error instanceof UnprocessableEventError || attempt >= this.maxAttempts;
        const context = { topic, eventId: event.id, eventType: event.type, correlationId: event.correlationId, attempt };
        if (final) {
          log.error({ ...context, err: error }, 'event dead-lettered');
          return this.deadLetter(topic, message, String(error));
        }
        log.warn({ ...context, err: error }, 'applying an event failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, this.retryBackoffMs * attempt));
      }
    }
  }

  private async deadLetter(topic: TopicName, message: KafkaMessage, reason: string): Promise<void> {
    if (!this.dlqProducer) {
      this.dlqProducer = this.kafka.producer({ allowAutoTopicCreation: false });
      await this.dlqProducer.connect();
    }
    await this.dlqProducer.send({
      topic: physicalTopic(this.settings, deadLetterTopicOf(topic)),
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: { ...message.headers, 'dlq-reason': reason.slice(0, 1000), 'dlq-consumer': this.options.consumerName },
        },
      ],
    });
  }
}

/** An event that can never be applied (broken contract); goes to the DLQ without retries. */
export class UnprocessableEventError extends Error {}
