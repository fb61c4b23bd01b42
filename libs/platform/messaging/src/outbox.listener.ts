import { Client } from 'pg';
import { logger } from '@sc/logging';

const log = logger('outbox.listener');

/**
 * Holds one dedicated PostgreSQL connection LISTENing on a channel and calls `onNotify` for every
 * notification. When the connection drops it reconnects after `retryMs`; meanwhile the caller's own
 * polling keeps things moving, so a lost listener only costs latency.
 */
export class OutboxListener {
  private client: Client | null = null;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private listening: Promise<void>;
  private markListening: () => void = () => undefined;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onNotify: () => void,
    private readonly retryMs = 2_000,
  ) {
    this.listening = new Promise((resolve) => (this.markListening = resolve));
  }

  start(): void {
    void this.connect();
  }

  /** Resolves once the first LISTEN is in place (tests wait for it; production does not need to). */
  whenListening(): Promise<void> {
    return this.listening;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.connectionString, application_name: 'outbox-listener' });
    client.on('notification', () => this.onNotify());
    client.on('error', () => this.reconnectLater(client));
    client.on('end', () => this.reconnectLater(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      this.markListening();
      // Rows committed while we were not listening are found by this poll, not lost.
      this.onNotify();
    } catch (error) {
      log.warn({ error: String(error) }, 'LISTEN failed; polling only until it works');
      this.reconnectLater(client);
    }
  }

  private reconnectLater(client: Client): void {
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, this.retryMs);
  }
}
