import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { TopicName } from '@sc/events';
import { EventConsumer, EventHandler, OutboxRelay, createKafka, ensureTopics } from '@sc/messaging';
import { SERVICE_CONFIG } from './tokens';
import { ServiceConfig } from './service-config';

/** What a service publishes and which handlers it runs. */
export interface MessagingSpec {
  publishes: TopicName[];
  handlers: Type<EventHandler>[];
}

/** Injection token of the {@link MessagingSpec}. */
export const MESSAGING_SPEC = Symbol('MESSAGING_SPEC');

/** Runs the outbox relay and the event consumer inside the service process (when workers are on). */
@Injectable()
export class MessagingHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private relay: OutboxRelay | null = null;
  private consumer: EventConsumer | null = null;
  private stopping = false;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(MESSAGING_SPEC) private readonly spec: MessagingSpec,
    private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.runWorkers) return;
    // Kafka being down must not stop the subgraph from serving: writes wait in the outbox meanwhile.
    void this.startWorkers();
  }

  private async startWorkers(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.connectWorkers();
        return;
      } catch (error) {
        console.warn(JSON.stringify({ level: 'warn', component: 'messaging', msg: 'Kafka not ready; retrying', error: String(error) }));
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  private async connectWorkers(): Promise<void> {
    const kafka = createKafka(this.config.kafka);
    const handlers = this.spec.handlers.map((type) => this.moduleRef.get(type, { strict: false }));
    const consumed = handlers.map((h) => h.topic);
    await ensureTopics(kafka, this.config.kafka, [...new Set([...this.spec.publishes, ...consumed])]);
    if (!this.relay) {
      this.relay = new OutboxRelay(this.dataSource, kafka, this.config.kafka, { pollIntervalMs: this.config.outboxPollIntervalMs });
      this.relay.start();
    }
    const consumer = new EventConsumer(this.dataSource, kafka, this.config.kafka, { consumerName: this.config.serviceName, handlers });
    await consumer.start();
    this.consumer = consumer;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop();
    await this.relay?.stop();
  }

  /** Wakes the relay right after a commit that wrote to the outbox, instead of waiting for the next poll. */
  nudge(): void {
    this.relay?.nudge();
  }
}
