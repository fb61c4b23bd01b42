import { of, lastValueFrom, throwError } from 'rxjs';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import { Identity, OWNER_ACCESS, Permission, requestContextStore } from '@sc/auth';
import { ActionRecordedV1, EventEnvelope, TopicName, payloadSchemaFor } from '@sc/events';
import { ControlledClock } from './clock';
import { CommandAudit, DeniedMutationAudit } from './command-audit';
import { CommandRunner } from './command-runner';
import { aggregateEvent } from './aggregate-event';
import { WriteTx } from './write-tx';

/** An outbox row as appendToOutbox writes it. */
interface OutboxRow {
  topic: TopicName;
  key: string;
  type: string;
  envelope: EventEnvelope;
}

/**
 * Just enough of a PostgreSQL database for the runner: idempotency keys and the outbox, with transactions that
 * keep their writes only when the work resolves. Statements outside a transaction commit at once.
 */
class FakeDatabase {
  readonly outbox: OutboxRow[] = [];
  private readonly keys = new Map<string, { hash: string; result: string | null }>();

  manager(pending: { outbox: OutboxRow[]; keys: Map<string, { hash: string; result: string | null }> } | null = null): EntityManager {
    const outbox = pending?.outbox ?? this.outbox;
    const keys = pending?.keys ?? this.keys;
    const lookup = (k: string) => keys.get(k) ?? this.keys.get(k);
    const query = async (sql: string, params: unknown[]): Promise<unknown[]> => {
      if (sql.includes('INSERT INTO idempotency_keys')) {
        const key = params.slice(0, 3).join('|');
        if (lookup(key)) return [];
        keys.set(key, { hash: params[3] as string, result: null });
        return [{ idempotency_key: params[2] }];
      }
      if (sql.startsWith('SELECT request_hash')) {
        const row = lookup(params.slice(0, 3).join('|'));
        return row ? [{ request_hash: row.hash, result_id: row.result }] : [];
      }
      if (sql.startsWith('UPDATE idempotency_keys')) {
        keys.get(params.slice(0, 3).join('|'))!.result = params[3] as string;
        return [];
      }
      if (sql.includes('INSERT INTO outbox')) {
        for (let i = 0; i < params.length; i += 5) {
          outbox.push({
            topic: params[i + 1] as TopicName,
            key: params[i + 2] as string,
            type: params[i + 3] as string,
            envelope: JSON.parse(params[i + 4] as string),
          });
        }
        return [];
      }
      throw new Error(`unexpected statement: ${sql}`);
    };
    return { query } as unknown as EntityManager;
  }

  dataSource(): DataSource {
    return {
      manager: this.manager(),
      transaction: async <T>(work: (manager: EntityManager) => Promise<T>): Promise<T> => {
        const pending = { outbox: [] as OutboxRow[], keys: new Map<string, { hash: string; result: string | null }>() };
        const result = await work(this.manager(pending));
        this.outbox.push(...pending.outbox);
        for (const [k, v] of pending.keys) this.keys.set(k, v);
        return result;
      },
    } as unknown as DataSource;
  }

  audited(): ActionRecordedV1[] {
    return this.outbox.filter((row) => row.topic === 'orders.audit.v1').map((row) => row.envelope.payload as ActionRecordedV1);
  }
}

const OWNER: Identity = { userId: 'usr_owner', sellerId: 'shp_1', roles: ['SELLER_STAFF'], access: OWNER_ACCESS };
const AGENT: Identity = { userId: 'usr_agent', sellerId: 'shp_1', roles: ['SELLER_STAFF'], access: { owner: false, permissions: ['INQUIRIES:EDIT'] } };
const BUYER: Identity = { userId: 'byr_1', sellerId: null, roles: ['BUYER'] };

const as = <T>(identity: Identity, correlationId: string, work: () => Promise<T>): Promise<T> =>
  requestContextStore.run({ identity, correlationId, scoped: new Map() }, work);

describe('CommandRunner audit trail', () => {
  let db: FakeDatabase;
  let clock: ControlledClock;
  let audit: CommandAudit;
  let runner: CommandRunner;

  beforeEach(() => {
    db = new FakeDatabase();
    clock = new ControlledClock();
    audit = new CommandAudit('orders', db.dataSource(), clock);
    runner = new CommandRunner(db.dataSource(), clock, audit);
  });

  /** A staff command that emits one event about each of `aggregates` (type, id) on orders.order.v1. */
  const confirm = (permission: Permission, aggregates: Array<[string, string]>, input = { idempotencyKey: 'k-1' }) =>
    runner.run({ operation: 'confirmOrder', actor: 'SELLER_STAFF', permission, input, scope: 'shp_1' }, async (tx: WriteTx) => {
      const events = aggregates.map(([aggregateType, aggregateId]) =>
        aggregateEvent({ source: 'orders', aggregateType, aggregateId, sellerId: 'shp_1' }, 'order.confirmed', tx.cause, {
          orderId: aggregateId,
          status: 'UNPAID',
        }),
      );
      await tx.emit('orders.order.v1', events);
      return aggregates[0]?.[1] ?? 'ord_result';
    });

  it("records a staff member's command in its transaction: operation, SUCCEEDED, user, instant, distinct targets, correlation", async () => {
    const at = clock.now();
    await as(OWNER, 'corr-1', () =>
      confirm('ORDERS:EDIT', [
        ['Order', 'ord_1'],
        ['Order', 'ord_1'],
        ['Order', 'ord_2'],
      ]),
    );
    const row = db.outbox.find((r) => r.topic === 'orders.audit.v1')!;
    expect(row).toMatchObject({ key: 'shp_1', type: 'action.recorded' });
    expect(row.envelope).toMatchObject({
      source: 'orders',
      sellerId: 'shp_1',
      aggregateType: 'Shop',
      aggregateId: 'shp_1',
      correlationId: 'corr-1',
      actor: { type: 'SELLER_STAFF', id: 'usr_owner' },
      occurredAt: at.toISOString(),
    });
    expect(db.audited()).toEqual([
      {
        operation: 'confirmOrder',
        outcome: 'SUCCEEDED',
        userId: 'usr_owner',
        at: at.toISOString(),
        targets: [
          { type: 'Order', id: 'ord_1' },
          { type: 'Order', id: 'ord_2' },
        ],
        permission: null,
        correlationId: 'corr-1',
      },
    ]);
    expect(payloadSchemaFor('orders.audit.v1', 'action.recorded', 1)!.safeParse(row.envelope.payload).success).toBe(true);
    // The command's own events come first, the record after them, all in the one transaction.
    expect(db.outbox.map((r) => r.type)).toEqual(['order.confirmed', 'order.confirmed', 'order.confirmed', 'action.recorded']);
  });

  it("names the command's result as its target when it emitted no event", async () => {
    await as(OWNER, 'corr-2', () => confirm('ORDERS:EDIT', []));
    expect(db.audited().map((a) => a.targets)).toEqual([[{ type: null, id: 'ord_result' }]]);
  });

  it('records nothing for a replay of the same idempotency key', async () => {
    await as(OWNER, 'corr-3', () => confirm('ORDERS:EDIT', [['Order', 'ord_1']]));
    expect(await as(OWNER, 'corr-4', () => confirm('ORDERS:EDIT', [['Order', 'ord_1']]))).toBe('ord_1');
    expect(db.audited()).toHaveLength(1);
    expect(db.outbox).toHaveLength(2);
  });

  it('records nothing when the command fails: the record rolls back with the change', async () => {
    const failing = as(OWNER, 'corr-5', () =>
      runner.run({ operation: 'confirmOrder', actor: 'SELLER_STAFF', permission: 'ORDERS:EDIT', input: { idempotencyKey: 'k-9' } }, async (tx) => {
        await tx.emit('orders.order.v1', [
          aggregateEvent({ source: 'orders', aggregateType: 'Order', aggregateId: 'ord_9', sellerId: 'shp_1' }, 'order.confirmed', tx.cause, {
            orderId: 'ord_9',
            status: 'UNPAID',
          }),
        ]);
        throw new GraphQLError('nope', { extensions: { code: 'INVALID_TRANSITION' } });
      }),
    );
    await expect(failing).rejects.toThrow('nope');
    expect(db.outbox).toEqual([]);
  });

  it('records a command refused for a missing permission as DENIED, with the permission, on its own', async () => {
    clock.advance(60_000);
    const refused = as(AGENT, 'corr-6', () => confirm('ORDERS:EDIT', [['Order', 'ord_1']]));
    await expect(refused).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN', permission: 'ORDERS:EDIT' } });
    expect(db.outbox.map((r) => [r.topic, r.key, r.type])).toEqual([['orders.audit.v1', 'shp_1', 'action.recorded']]);
    expect(db.audited()).toEqual([
      {
        operation: 'confirmOrder',
        outcome: 'DENIED',
        userId: 'usr_agent',
        at: clock.now().toISOString(),
        targets: [],
        permission: 'ORDERS:EDIT',
        correlationId: 'corr-6',
      },
    ]);
  });

  it("records the ONBOARDING command (the invitee's acceptance) and nothing for buyers' or the system's commands", async () => {
    const invitee: Identity = { userId: 'usr_new', sellerId: 'shp_1', roles: ['SELLER_STAFF'], access: { owner: false, permissions: [] } };
    await as(invitee, 'corr-7', () =>
      runner.run(
        { operation: 'acceptStaffInvitation', actor: 'SELLER_STAFF', permission: 'ONBOARDING', input: { idempotencyKey: 'k-7' } },
        async () => 'stf_1',
      ),
    );
    await as(BUYER, 'corr-8', () =>
      runner.run({ operation: 'placeOrder', actor: 'BUYER', input: { idempotencyKey: 'k-8' } }, async (tx) => {
        await tx.emit('orders.order.v1', [
          aggregateEvent({ source: 'orders', aggregateType: 'Order', aggregateId: 'ord_8', sellerId: 'shp_1' }, 'order.confirmed', tx.cause, {
            orderId: 'ord_8',
            status: 'UNPAID',
          }),
        ]);
        return 'ord_8';
      }),
    );
    await runner.write(
      (now) => ({ correlationId: 'timer', causationId: null, actor: { type: 'SYSTEM', id: null }, at: now }),
      async () => 'nothing',
    );
    expect(db.audited()).toEqual([
      expect.objectContaining({ operation: 'acceptStaffInvitation', outcome: 'SUCCEEDED', userId: 'usr_new', targets: [{ type: null, id: 'stf_1' }] }),
    ]);
  });

  it('refuses to start for a service without an audit topic', () => {
    expect(() => new CommandAudit('storefront', db.dataSource(), clock)).toThrow(/no audit topic/);
  });
});

describe('DeniedMutationAudit', () => {
  const db = new FakeDatabase();
  const clock = new ControlledClock();
  const audit = new CommandAudit('orders', db.dataSource(), clock);
  const interceptor = new DeniedMutationAudit(audit);

  const resolverContext = (parentType: string, fieldName: string): ExecutionContext =>
    ({
      getType: () => 'graphql',
      getArgByIndex: (i: number) => (i === 3 ? { parentType: { name: parentType }, fieldName } : undefined),
    }) as unknown as ExecutionContext;
  const failingWith = (error: unknown): CallHandler => ({ handle: () => throwError(() => error) });
  const forbidden = (permission?: string) => new GraphQLError('no', { extensions: { code: 'FORBIDDEN', ...(permission ? { permission } : {}) } });

  beforeEach(() => db.outbox.splice(0));

  it('records a mutation refused for a missing permission as DENIED under the mutation name, and rethrows the refusal', async () => {
    const error = forbidden('RETURNS:EDIT');
    const call = as(AGENT, 'corr-10', () => lastValueFrom(interceptor.intercept(resolverContext('Mutation', 'approveRefund'), failingWith(error))));
    await expect(call).rejects.toBe(error);
    expect(db.audited()).toEqual([
      expect.objectContaining({ operation: 'approveRefund', outcome: 'DENIED', permission: 'RETURNS:EDIT', userId: 'usr_agent', correlationId: 'corr-10' }),
    ]);
  });

  it('records a refusal once when the command runner already recorded it', async () => {
    const error = forbidden('RETURNS:EDIT');
    await as(AGENT, 'corr-11', async () => {
      await audit.recordDenied('approveRefund', error);
      await expect(lastValueFrom(interceptor.intercept(resolverContext('Mutation', 'approveRefund'), failingWith(error)))).rejects.toBe(error);
    });
    expect(db.audited()).toHaveLength(1);
  });

  it('records nothing for queries, for other errors, for callers who are not staff, or for success', async () => {
    await as(AGENT, 'corr-12', async () => {
      await expect(lastValueFrom(interceptor.intercept(resolverContext('Query', 'shop'), failingWith(forbidden('STAFF:VIEW'))))).rejects.toThrow();
      await expect(lastValueFrom(interceptor.intercept(resolverContext('Mutation', 'approveRefund'), failingWith(forbidden())))).rejects.toThrow();
      await expect(
        lastValueFrom(
          interceptor.intercept(resolverContext('Mutation', 'approveRefund'), failingWith(new GraphQLError('x', { extensions: { code: 'NOT_FOUND' } }))),
        ),
      ).rejects.toThrow();
      expect(await lastValueFrom(interceptor.intercept(resolverContext('Mutation', 'approveRefund'), { handle: () => of('ok') }))).toBe('ok');
    });
    await as(BUYER, 'corr-13', async () => {
      await expect(
        lastValueFrom(interceptor.intercept(resolverContext('Mutation', 'approveRefund'), failingWith(forbidden('RETURNS:EDIT')))),
      ).rejects.toThrow();
    });
    expect(db.outbox).toEqual([]);
  });
});
