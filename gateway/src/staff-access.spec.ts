import { Writable } from 'node:stream';
import { configureLogging } from '@sc/logging';
import {
  CORRELATION_ID_HEADER,
  INTERNAL_CONTEXT_HEADER,
  NO_ACCESS,
  OWNER_ACCESS,
  generateSigningKey,
  verificationKeyOf,
  verifyInternalContext,
  type Identity,
  type StaffAccess,
} from '@sc/auth';
import { InternalContextSigner } from './internal-context-signer';
import {
  StaffAccessResolver,
  accessOfAnswer,
  catalogStaffAccessLookup,
  staffAccessUrlOf,
  supergraphUrlOf,
  type LookedUpAccess,
  type StaffAccessLookup,
} from './staff-access';
import { listenOnFreePort } from './testing/http';

const KEY = generateSigningKey();
const member = (n: number): Identity => ({ userId: `usr_${n}`, sellerId: 'shp_1', roles: ['SELLER_STAFF'] });
const buyer: Identity = { userId: 'byr_1', sellerId: null, roles: ['BUYER'] };
const found = (access: StaffAccess, cacheable = true): LookedUpAccess => ({ access, cacheable });
const ordersView: StaffAccess = { owner: false, permissions: ['ORDERS:VIEW'] };

/** A lookup whose answers the test controls: each call waits until answered (or answers at once with `auto`). */
function controlledLookup(auto?: (identity: Identity) => LookedUpAccess | Error) {
  const calls: Array<{ identity: Identity; timeoutMs: number; correlationId?: string; answer(value: LookedUpAccess | Error): void }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const lookup: StaffAccessLookup = (identity, timeoutMs, correlationId) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<LookedUpAccess>((resolve, reject) => {
      const answer = (value: LookedUpAccess | Error) => {
        inFlight -= 1;
        if (value instanceof Error) reject(value);
        else resolve(value);
      };
      calls.push({ identity, timeoutMs, correlationId, answer });
      if (auto) answer(auto(identity));
    });
  };
  return { lookup, calls, maxInFlight: () => maxInFlight };
}

const captureLogs = () => {
  const lines: string[] = [];
  configureLogging('gateway', new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
  return {
    entries: (): Array<Record<string, unknown>> =>
      lines
        .join('')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
};

describe('StaffAccessResolver', () => {
  let now = 1_000_000;
  const clock = () => now;
  const resolverWith = (lookup: StaffAccessLookup, overrides: Partial<ConstructorParameters<typeof StaffAccessResolver>[0]> = {}) =>
    new StaffAccessResolver({ lookup, ttlMs: 2000, timeoutMs: 1000, maxEntries: 100, maxConcurrentLookups: 8, now: clock, ...overrides });

  afterEach(() => configureLogging('gateway'));

  it('signs in the access catalog found for a staff member, and reuses it for the TTL, then asks again and picks up a change', async () => {
    let access: LookedUpAccess = found(OWNER_ACCESS);
    const fake = controlledLookup(() => access);
    const resolver = resolverWith(fake.lookup);
    expect(await resolver.resolve(member(1), 'corr-1')).toEqual({ ...member(1), access: OWNER_ACCESS });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]).toMatchObject({ identity: member(1), correlationId: 'corr-1' });

    access = found(NO_ACCESS, false);
    now += 1999;
    expect((await resolver.resolve(member(1))).access).toEqual(OWNER_ACCESS);
    expect(fake.calls).toHaveLength(1);
    now += 1;
    expect((await resolver.resolve(member(1))).access).toEqual(NO_ACCESS);
    expect(fake.calls).toHaveLength(2);
  });

  it('keys the cache by shop and user: the same user in another shop is asked about separately', async () => {
    const fake = controlledLookup(() => found(ordersView));
    const resolver = resolverWith(fake.lookup);
    await resolver.resolve(member(1));
    await resolver.resolve({ ...member(1), sellerId: 'shp_2' });
    await resolver.resolve({ ...member(1), roles: ['BUYER', 'SELLER_STAFF'] });
    expect(fake.calls.map((c) => c.identity.sellerId)).toEqual(['shp_1', 'shp_2']);
  });

  it('makes one lookup for concurrent requests of one member', async () => {
    const fake = controlledLookup();
    const resolver = resolverWith(fake.lookup);
    const requests = Array.from({ length: 20 }, () => resolver.resolve(member(1)));
    await Promise.resolve();
    expect(fake.calls).toHaveLength(1);
    fake.calls[0].answer(found(ordersView));
    for (const identity of await Promise.all(requests)) expect(identity.access).toEqual(ordersView);
    expect(fake.calls).toHaveLength(1);
  });

  it('never caches NONE: the next request asks again (a shop registered a moment ago works at once)', async () => {
    let answer = found(NO_ACCESS, false);
    const fake = controlledLookup(() => answer);
    const resolver = resolverWith(fake.lookup);
    expect((await resolver.resolve(member(1))).access).toEqual(NO_ACCESS);
    answer = found(OWNER_ACCESS);
    expect((await resolver.resolve(member(1))).access).toEqual(OWNER_ACCESS);
    expect(fake.calls).toHaveLength(2);
    expect(resolver.size).toBe(1);
  });

  it('gives NO_ACCESS when catalog cannot answer, caches nothing, and logs once per interval (then once on recovery)', async () => {
    const logs = captureLogs();
    let failing = true;
    const fake = controlledLookup(() => (failing ? new Error('answered HTTP 503') : found(OWNER_ACCESS)));
    const resolver = resolverWith(fake.lookup, { failureLogIntervalMs: 10_000 });
    for (let i = 0; i < 5; i += 1) expect((await resolver.resolve(member(i))).access).toEqual(NO_ACCESS);
    expect(resolver.size).toBe(0);
    now += 10_000;
    expect((await resolver.resolve(member(1))).access).toEqual(NO_ACCESS);
    expect(fake.calls).toHaveLength(6);
    const failures = logs.entries().filter((e) => e.code === 'STAFF_ACCESS_UNAVAILABLE');
    expect(failures).toEqual([
      expect.objectContaining({ level: 'error', reason: 'answered HTTP 503', failures: 1 }),
      expect.objectContaining({ level: 'error', reason: 'answered HTTP 503', failures: 5 }),
    ]);
    failing = false;
    expect((await resolver.resolve(member(1))).access).toEqual(OWNER_ACCESS);
    expect(logs.entries().filter((e) => e.msg === 'staff access lookups answer again')).toHaveLength(1);
    // Flapping within the interval adds no line: the failure is counted for the next one.
    failing = true;
    expect((await resolver.resolve(member(8))).access).toEqual(NO_ACCESS);
    failing = false;
    expect((await resolver.resolve(member(9))).access).toEqual(OWNER_ACCESS);
    expect(logs.entries()).toHaveLength(3);
    now += 10_000;
    failing = true;
    await resolver.resolve(member(10));
    expect(logs.entries().at(-1)).toMatchObject({ code: 'STAFF_ACCESS_UNAVAILABLE', failures: 2 });
  });

  it('never looks up buyers, carriers, the platform or a staff role without a shop, and drops any access they carry', async () => {
    const fake = controlledLookup(() => found(OWNER_ACCESS));
    const resolver = resolverWith(fake.lookup);
    expect(await resolver.resolve(buyer)).toBe(buyer);
    expect(await resolver.resolve({ ...buyer, access: OWNER_ACCESS })).toEqual(buyer);
    for (const roles of [['CARRIER'], ['PLATFORM']] as const) await resolver.resolve({ userId: 'usr_x', sellerId: null, roles: [...roles] });
    await resolver.resolve({ userId: 'usr_y', sellerId: null, roles: ['SELLER_STAFF'] });
    expect(fake.calls).toHaveLength(0);
  });

  it("replaces whatever access the verified identity carried with catalog's answer", async () => {
    const fake = controlledLookup(() => found(ordersView));
    const resolver = resolverWith(fake.lookup);
    expect((await resolver.resolve({ ...member(1), access: OWNER_ACCESS })).access).toEqual(ordersView);
  });

  it('caps lookups in flight; a waiter past its deadline proceeds with NO_ACCESS', async () => {
    captureLogs();
    jest.useFakeTimers();
    try {
      const fake = controlledLookup();
      const resolver = new StaffAccessResolver({ lookup: fake.lookup, ttlMs: 2000, timeoutMs: 1000, maxEntries: 100, maxConcurrentLookups: 2 });
      const requests = Array.from({ length: 5 }, (_, i) => resolver.resolve(member(i)));
      await Promise.resolve();
      expect(fake.calls).toHaveLength(2);
      fake.calls[0].answer(found(ordersView));
      await jest.advanceTimersByTimeAsync(0);
      expect(fake.calls).toHaveLength(3); // the slot passed to the first waiter
      expect(fake.maxInFlight()).toBe(2);
      await jest.advanceTimersByTimeAsync(1000); // the last two waited their whole budget
      fake.calls[1].answer(found(ordersView));
      fake.calls[2].answer(found(ordersView));
      const accesses = (await Promise.all(requests)).map((i) => i.access);
      expect(accesses).toEqual([ordersView, ordersView, ordersView, NO_ACCESS, NO_ACCESS]);
      expect(fake.calls).toHaveLength(3);
      // Slots are all free again.
      const again = Promise.all([resolver.resolve(member(7)), resolver.resolve(member(8))]);
      await Promise.resolve();
      expect(fake.calls).toHaveLength(5);
      fake.calls[3].answer(found(OWNER_ACCESS));
      fake.calls[4].answer(found(OWNER_ACCESS));
      expect((await again).map((i) => i.access)).toEqual([OWNER_ACCESS, OWNER_ACCESS]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('gives the lookup what is left of the budget after waiting for a slot', async () => {
    const fake = controlledLookup(() => found(OWNER_ACCESS));
    await resolverWith(fake.lookup, { timeoutMs: 750 }).resolve(member(1));
    expect(fake.calls[0].timeoutMs).toBe(750);
  });

  it('keeps at most maxEntries members, dropping the least recently used', async () => {
    const fake = controlledLookup(() => found(ordersView));
    const resolver = resolverWith(fake.lookup, { maxEntries: 2 });
    await resolver.resolve(member(1));
    await resolver.resolve(member(2));
    await resolver.resolve(member(1)); // 1 is now the most recently used
    await resolver.resolve(member(3)); // evicts 2
    expect(resolver.size).toBe(2);
    await resolver.resolve(member(1));
    expect(fake.calls).toHaveLength(3);
    await resolver.resolve(member(2));
    expect(fake.calls.map((c) => c.identity.userId)).toEqual(['usr_1', 'usr_2', 'usr_3', 'usr_2']);
  });

  it('with a TTL of 0 asks on every request (still one lookup for concurrent ones)', async () => {
    const fake = controlledLookup(() => found(OWNER_ACCESS));
    const resolver = resolverWith(fake.lookup, { ttlMs: 0 });
    await Promise.all([resolver.resolve(member(1)), resolver.resolve(member(1))]);
    await resolver.resolve(member(1));
    expect(fake.calls).toHaveLength(2);
  });
});

describe('accessOfAnswer', () => {
  it('maps OWNER, ACTIVE (normalised) and NONE; only NONE is not cacheable', () => {
    expect(accessOfAnswer({ owner: true, permissions: [], status: 'OWNER' })).toEqual({ access: OWNER_ACCESS, cacheable: true });
    expect(accessOfAnswer({ owner: false, permissions: ['ORDERS:VIEW', 'ORDERS:EDIT', 'STAFF:EDIT', 'NOPE'], status: 'ACTIVE' })).toEqual({
      access: { owner: false, permissions: ['ORDERS:EDIT'] },
      cacheable: true,
    });
    expect(accessOfAnswer({ owner: false, permissions: [], status: 'NONE' })).toEqual({ access: NO_ACCESS, cacheable: false });
  });

  it.each([
    null,
    'x',
    [],
    {},
    { owner: 'yes', permissions: [], status: 'OWNER' },
    { owner: false, permissions: [1], status: 'ACTIVE' },
    { owner: false, permissions: [], status: 'OWNER' },
    { owner: true, permissions: [], status: 'ACTIVE' },
    { owner: false, permissions: [], status: 'GONE' },
  ])('refuses the malformed answer %j', (body) => expect(accessOfAnswer(body)).toBeNull());
});

describe('staff-access URLs', () => {
  it("puts /internal/staff-access next to catalog's GraphQL URL", () => {
    expect(staffAccessUrlOf('http://127.0.0.1:4101/graphql')).toBe('http://127.0.0.1:4101/internal/staff-access');
    expect(staffAccessUrlOf('http://127.0.0.1:4101/')).toBe('http://127.0.0.1:4101/internal/staff-access');
    expect(staffAccessUrlOf('http://127.0.0.1:4101')).toBe('http://127.0.0.1:4101/internal/staff-access');
    expect(staffAccessUrlOf('https://proxy.local/catalog/graphql')).toBe('https://proxy.local/catalog/internal/staff-access');
  });

  it("reads a subgraph's URL from the supergraph", () => {
    const sdl = `enum join__Graph {\n  CATALOG @join__graph(name: "catalog", url: "http://127.0.0.1:4101/graphql")\n  ORDERS @join__graph(name: "orders", url: "http://127.0.0.1:4102/graphql")\n}`;
    expect(supergraphUrlOf(sdl, 'catalog')).toBe('http://127.0.0.1:4101/graphql');
    expect(supergraphUrlOf(sdl, 'returns')).toBeUndefined();
  });
});

describe('catalogStaffAccessLookup', () => {
  const signer = new InternalContextSigner(KEY);
  type Behaviour = (res: import('node:http').ServerResponse) => void;
  let behaviour: Behaviour = (res) => res.end();
  const seen: Array<{ method?: string; url?: string; identity: Identity; correlationId?: string; body: string }> = [];
  let server: Awaited<ReturnType<typeof listenOnFreePort>>;
  let catalog: ReturnType<typeof catalogStaffAccessLookup>;

  beforeAll(async () => {
    server = await listenOnFreePort((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += String(chunk)));
      req.on('end', () => {
        void verifyInternalContext(String(req.headers[INTERNAL_CONTEXT_HEADER]), verificationKeyOf(KEY)).then((identity) => {
          seen.push({ method: req.method, url: req.url, identity, correlationId: req.headers[CORRELATION_ID_HEADER] as string | undefined, body });
          behaviour(res);
        });
      });
    });
    catalog = catalogStaffAccessLookup(`${server.url}/internal/staff-access`, signer);
  });
  afterAll(async () => {
    await catalog.close();
    await server.close();
  });

  const json =
    (status: number, body: unknown): Behaviour =>
    (res) => {
      res.statusCode = status;
      res.setHeader('content-type', 'application/json');
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };

  it('POSTs no body with the caller signed without access and the correlation id, and parses the answer', async () => {
    behaviour = json(200, { owner: false, permissions: ['ORDERS:VIEW'], status: 'ACTIVE' });
    await expect(catalog.lookup({ ...member(1), access: OWNER_ACCESS }, 1000, 'corr-9')).resolves.toEqual({ access: ordersView, cacheable: true });
    expect(seen.at(-1)).toEqual({ method: 'POST', url: '/internal/staff-access', identity: member(1), correlationId: 'corr-9', body: '' });
  });

  it.each([
    ['a non-200', json(500, { owner: true, permissions: [], status: 'OWNER' }), 'answered HTTP 500'],
    ['a body that is not JSON', json(200, '<html>'), 'answered something that is not JSON'],
    ['JSON of another shape', json(200, { ok: true }), 'answered JSON that is not a staff-access answer'],
  ])('rejects %s', async (_what, reply, message) => {
    behaviour = reply;
    await expect(catalog.lookup(member(1), 1000)).rejects.toThrow(message);
  });

  it('rejects when catalog does not answer within the timeout', async () => {
    behaviour = (res) => setTimeout(() => res.end(), 1000);
    await expect(catalog.lookup(member(1), 50)).rejects.toThrow('no answer within 50 ms');
  });

  it('rejects when catalog is down', async () => {
    const closed = await listenOnFreePort((_req, res) => res.end());
    await closed.close();
    const down = catalogStaffAccessLookup(`${closed.url}/internal/staff-access`, signer);
    try {
      await expect(down.lookup(member(1), 1000)).rejects.toThrow(/unreachable/);
    } finally {
      await down.close();
    }
  });
});
