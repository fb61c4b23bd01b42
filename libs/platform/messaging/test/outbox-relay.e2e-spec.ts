import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createEvent } from '@sc/events';
import { createDataSource, createPlatformTables, dropDatabase, ensureDatabase, withDatabase } from '@sc/db';
import { OutboxRelay, appendToOutbox, createKafka, deleteTopicsWithPrefix, ensureTopics, physicalTopic, type KafkaSettings } from '../src';

// The test command's broker and server (@sc/testing builds on this lib, so it is not imported here).
const testKafkaBrokers = () => process.env.SC_TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';
const testPostgresUrl = () => process.env.SC_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

// The relay against real PostgreSQL and Kafka: a commit that appends to the outbox wakes it through
// LISTEN/NOTIFY, so publishing does not wait for the (here: hour-long) poll interval.
describe('OutboxRelay woken by commits', () => {
  const runId = randomBytes(3).toString('hex');
  const url = withDatabase(testPostgresUrl(), `sct_relay${runId}`);
  const settings: KafkaSettings = { brokers: testKafkaBrokers().split(','), clientId: 'relay-test', topicPrefix: `t_relay${runId}.` };
  const kafka = createKafka(settings);
  const consumer = kafka.consumer({ groupId: `relay-test-${runId}` });
  const received: string[] = [];
  let dataSource: DataSource;
  let relay: OutboxRelay;

  const shopRegistered = (name: string) =>
    createEvent({
      occurredAt: new Date(),
      type: 'shop.registered',
      source: 'catalog',
      sellerId: 'shp_relay',
      aggregateType: 'Shop',
      aggregateId: 'shp_relay',
      actor: { type: 'SYSTEM', id: null },
      payload: { shopId: 'shp_relay', name, currencyCode: 'USD', timeZone: 'UTC' },
    });
  const commit = (name: string) => dataSource.transaction((manager) => appendToOutbox(manager, 'catalog.product.v1', [shopRegistered(name)]));
  const until = async (condition: () => boolean | Promise<boolean>) => {
    while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const pending = async () => Number((await dataSource.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))[0].n);

  beforeAll(async () => {
    await ensureDatabase(url);
    dataSource = createDataSource({ url, entities: [], migrations: [], applicationName: 'relay-test' });
    await dataSource.initialize();
    const runner = dataSource.createQueryRunner();
    await createPlatformTables(runner);
    await runner.release();
    await ensureTopics(kafka, settings, ['catalog.product.v1']);
    await consumer.connect();
    await consumer.subscribe({ topic: physicalTopic(settings, 'catalog.product.v1'), fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void received.push(JSON.parse(String(message.value)).payload.name) });
  });

  afterAll(async () => {
    await relay?.stop();
    await consumer.disconnect().catch(() => undefined);
    await dataSource?.destroy();
    await dropDatabase(url).catch(() => undefined);
    await deleteTopicsWithPrefix(kafka, settings.topicPrefix).catch(() => undefined);
  });

  it('publishes a committed row at once although the next poll is an hour away, and never a rolled-back one', async () => {
    await commit('before start');
    relay = new OutboxRelay(dataSource, kafka, settings, { pollIntervalMs: 3_600_000 });
    relay.start();
    await relay.whenListening();
    // The first pass publishes what was waiting; after it the relay sleeps for the poll interval.
    await until(async () => (await pending()) === 0 && received.includes('before start'));

    await commit('woken by the commit');
    await until(() => received.includes('woken by the commit'));
    // The relay marks the row published in the transaction that sent it, just after the broker took it.
    await until(async () => (await pending()) === 0);

    await dataSource
      .transaction(async (manager) => {
        await appendToOutbox(manager, 'catalog.product.v1', [shopRegistered('rolled back')]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await commit('after the rollback');
    await until(() => received.includes('after the rollback'));
    expect(received).toEqual(['before start', 'woken by the commit', 'after the rollback']);
  });

  it('still publishes by polling when it does not listen', async () => {
    await relay.stop();
    relay = new OutboxRelay(dataSource, kafka, settings, { pollIntervalMs: 50, listen: false });
    relay.start();
    await commit(`polled ${randomUUID()}`);
    await until(async () => (await pending()) === 0);
    await until(() => received.some((name) => name.startsWith('polled ')));
  });
});
