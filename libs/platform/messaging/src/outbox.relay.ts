import { DataSource } from 'typeorm';
import { Kafka, Producer, CompressionTypes } from 'kafkajs';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import { KafkaSettings, physicalTopic } from './kafka-settings';
import { OutboxListener } from './outbox.listener';
import { OUTBOX_CHANNEL } from './outbox.writer';
import { logger } from '@sc/logging';

const log = logger('outbox.relay');

/** Tuning of the relay loop. */
export interface OutboxRelayOptions {
  /**
   * The safety-net poll. Commits that append to the outbox notify the relay (LISTEN/NOTIFY), so polling
   * only matters when the listening connection is down or a notification was missed.
   */
  pollIntervalMs?: number;
  /** LISTEN for outbox commits (default true); off, the relay polls only. */
  listen?: boolean;
  batchSize?: number;
  /** Advisory-lock key: one active relay per database keeps per-aggregate order. */
  lockKey?: number;
}

interface PendingRow {
  seq: string;
  topic: string;
  message_key: string;
  event_type: string;
  envelope: Record<string, unknown>;
}

/**
 * Moves committed outbox rows to Kafka in insertion order, then marks them published. When Kafka is
 * unreachable the transaction rolls back and the rows wait: nothing is lost, and delivery is at least once.
 */
export class OutboxRelay {
  private producer: Producer | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** A nudge arrived while a batch was in flight: look again at once instead of sleeping. */
  private woken = false;
  private readonly listener: OutboxListener | null;
  private readonly pollIntervalMs: number;
  private readonly batchSize: number;
  private readonly lockKey: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    options: OutboxRelayOptions = {},
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.batchSize = options.batchSize ?? 200;
    this.lockKey = options.lockKey ?? 7_301_001;
    const url = options.listen === false ? null : connectionStringOf(dataSource.options as PostgresDataSourceOptions);
    this.listener = url ? new OutboxListener(url, OUTBOX_CHANNEL, () => this.nudge()) : null;
  }

  /** Starts relaying in the background. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.listener?.start();
    this.loop = this.run();
  }

  /** Resolves once the relay LISTENs for outbox commits (immediately when it does not listen). */
  async whenListening(): Promise<void> {
    await this.listener?.whenListening();
  }

  /** Stops after the batch in flight and disconnects the producer. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.listener?.stop();
    await this.loop;
    await this.dropProducer();
  }

  /** Asks the loop to look for new rows now instead of after the poll interval. */
  nudge(): void {
    this.woken = true;
    this.wake?.();
  }

  /** Relays one batch; returns how many events were published. */
  async relayOnce(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [this.lockKey]);
      if (!locked) return 0;
      const rows: PendingRow[] = await manager.query(
        `SELECT seq, topic, message_key, event_type, envelope FROM outbox
          WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      await this.send(rows);
      await manager.query('UPDATE outbox SET published_at = now() WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
      return rows.length;
    });
  }

  private async send(rows: PendingRow[]): Promise<void> {
    const byTopic = new Map<string, PendingRow[]>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    const producer = await this.connectedProducer();
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic.entries()].map(([topic, topicRows]) => ({
          topic: physicalTopic(this.settings, topic),
          messages: topicRows.map((row) => ({
            key: row.message_key,
            value: JSON.stringify(row.envelope),
            headers: { 'event-type': row.event_type, 'event-id': String(row.envelope.id) },
          })),
        })),
      });
    } catch (error) {
      // A producer that failed mid-flight may hold stale sequence state; start clean next time.
      await this.dropProducer();
      throw error;
    }
  }

  private async connectedProducer(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
      });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  private async dropProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let backoffMs = this.pollIntervalMs;
    while (this.running) {
      let published = 0;
      let failed = false;
      this.woken = false;
      try {
        published = await this.relayOnce();
        backoffMs = this.pollIntervalMs;
      } catch (error) {
        log.warn({ error: String(error) }, 'relay failed; will retry');
        backoffMs = Math.min(backoffMs * 2, 5000);
        failed = true;
      }
      // After a failure only the backoff (or stop) ends the wait: every commit notifying must not hammer a
      // broker that is down.
      if (published < this.batchSize) await this.sleep(published > 0 ? 0 : backoffMs, !failed);
    }
  }

  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (!this.running || (wakeable && this.woken)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = () => {
        if (wakeable || !this.running) done();
      };
    });
  }
}

/** The URL of the relay's database, for its own listening connection. */
function connectionStringOf(options: PostgresDataSourceOptions): string | null {
  if (options.type !== 'postgres') return null;
  if (options.url) return options.url;
  if (!options.host) return null;
  const auth = options.username ? `${encodeURIComponent(options.username)}${options.password ? `:${encodeURIComponent(String(options.password))}` : ''}@` : '';
  return `postgres://${auth}${options.host}:${options.port ?? 5432}/${options.database ?? ''}`;
}
