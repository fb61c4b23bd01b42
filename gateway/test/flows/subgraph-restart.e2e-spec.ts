import { setTimeout as delay } from 'node:timers/promises';
import type { Identity } from '@sc/auth';
import { SystemClock } from '@sc/kit';
import { SupervisorEvent, SupervisorTimers } from '@sc/stack';
import { GraphQLResult, TestStack, callGateway, createLiveProduct, eventually, newIdempotencyKey, newSeller, startTestStack } from '@sc/testing';

// A subgraph process dies under a supervised stack (as under `npm start`): while it is down the gateway
// answers the rest of the shop with SUBGRAPH_UNAVAILABLE on marketing's field alone, the supervisor
// restarts it on its own, and the same query recovers with no step from the test.
describe('a subgraph killed under a supervised stack', () => {
  let stack: TestStack;
  const seller = newSeller();
  const events: SupervisorEvent[] = [];
  // The first restart's backoff also waits until the test has read the outage, so that read never races the
  // restart; the restart itself is the supervisor's doing.
  let outageRead!: () => void;
  const outageWasRead = new Promise<void>((resolve) => (outageRead = resolve));
  const timers: SupervisorTimers = {
    clock: new SystemClock(),
    sleep: async (ms, signal) => {
      await delay(ms, undefined, { signal }).catch(() => undefined);
      await Promise.race([outageWasRead, new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }))]);
    },
  };

  const asAnyone = <T>(identity: Identity, query: string, variables?: unknown): Promise<GraphQLResult<T>> =>
    callGateway<T>(stack.gatewayUrl, stack.settings.clientTokenKey, identity, query, variables);
  const gateway = <T>(query: string, variables?: unknown) => asAnyone<T>(seller, query, variables);

  type ShopView = { shop: { name: string; promotions: { nodes: Array<{ id: string; title: string }> } | null } | null };
  const SHOP = `{ shop { name promotions(first: 5) { nodes { id title } } } }`;

  beforeAll(async () => {
    stack = await startTestStack('restart', {
      subgraphs: ['catalog', 'marketing'],
      gateway: true,
      supervise: { timers, report: (event) => events.push(event) },
    });
  });

  afterAll(async () => {
    outageRead();
    await stack?.dispose();
  });

  it('answers the shop without marketing while it is down, restarts it, and recovers without a manual step', async () => {
    const registered = await gateway(`mutation { registerShop(input: { name: "Restart shop", currencyCode: "USD", timeZone: "UTC" }) { id } }`);
    expect(registered.errors).toBeUndefined();
    const { productId } = await createLiveProduct(asAnyone, seller, { title: 'Rain jacket' });
    const startsAt = new Date();
    const input = {
      title: 'Storm week',
      discountBasisPoints: 1000,
      productIds: [productId],
      startsAt: startsAt.toISOString(),
      endsAt: new Date(startsAt.getTime() + 86_400_000).toISOString(),
      idempotencyKey: newIdempotencyKey(),
    };
    // Marketing accepts the product once it has read catalog's product events.
    const created = await eventually(
      () => gateway<{ createPromotion: { id: string } }>(`mutation($input: CreatePromotionInput!) { createPromotion(input: $input) { id } }`, { input }),
      (result) => result.errors === undefined,
    );
    const before = await gateway<ShopView>(SHOP);
    expect(before).toMatchObject({
      data: { shop: { name: 'Restart shop', promotions: { nodes: [{ id: created.data!.createPromotion.id, title: 'Storm week' }] } } },
    });
    expect(before.errors).toBeUndefined();

    const marketing = stack.processes.get('marketing')!;
    const killedPid = marketing.child.pid;
    marketing.child.kill('SIGKILL');
    await eventually(
      async () => events.length,
      (n) => n > 0,
    );
    expect(events).toEqual([{ type: 'exited', name: 'marketing', status: { code: null, signal: 'SIGKILL' }, attempt: 1, delayMs: 500 }]);

    const during = await gateway<ShopView>(SHOP);
    outageRead();
    expect(during.data).toEqual({ shop: { name: 'Restart shop', promotions: null } });
    // A typed error that names no service (which one is for the gateway's log; its fetch errors carry no path).
    expect(during.errors).toEqual([{ message: expect.any(String), extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }]);

    // Generous: a restart boots a whole NestJS process on a shared machine; the poll ends as soon as it answers.
    const after = await eventually(
      () => gateway<ShopView>(SHOP),
      (result) => result.errors === undefined,
      120_000,
    );
    expect(after.data).toEqual(before.data);
    // The supervisor reports the recovery when its own health poll sees the new process, which may come just after.
    const reported = await eventually(
      async () => events.map((e) => e.type),
      (types) => types.length > 1,
    );
    expect(reported).toEqual(['exited', 'recovered']);
    expect(marketing.child.pid).not.toBe(killedPid);
    expect(marketing.running).toBe(true);
  });
});
