import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CLOCK, Clock, boundEventHandlers } from '@sc/kit';
import { logger } from '@sc/logging';

const log = logger('messaging');
import { DataSource } from 'typeorm';
import { TopicName } from '@sc/events';
import { EventConsumer, EventHandler, OutboxRelay, createKafka, ensureTopics } from '@sc/messaging';
import { SERVICE_CONFIG } from './tokens';
import { ServiceConfig } from './service-config';

/**
 * What a service publishes. Its handlers need no listing: every `@OnEvent` method of its providers is
 * found at start-up (see {@link MessagingHost.declaredHandlers}).
 */
export interface MessagingSpec {
  publishes: TopicName[];
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
    private readonly discovery: DiscoveryService,
    @Inject(CLOCK) private readonly clock: Clock,
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
        log.warn({ error: String(error) }, 'Kafka not ready; retrying');
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    }
  }

  private async connectWorkers(): Promise<void> {
    const kafka = createKafka(this.config.kafka);
    const handlers = this.declaredHandlers();
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

  /** Every `@OnEvent` method of the service's providers, once per class even if several modules provide it. */
  declaredHandlers(): EventHandler[] {
    const seen = new Set<unknown>();
    const handlers: EventHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic() || seen.has(instance.constructor)) continue;
      seen.add(instance.constructor);
      handlers.push(...boundEventHandlers(instance, this.clock));
    }
    return handlers;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.consumer?.stop();
    await this.relay?.stop();
  }
}
