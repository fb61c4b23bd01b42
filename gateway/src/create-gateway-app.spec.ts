import { Writable } from 'node:stream';
import { configureLogging } from '@sc/logging';
import { CORRELATION_ID_HEADER, OWNER_ACCESS, generateSigningKey, signClientToken, type Identity } from '@sc/auth';
import { createGatewayApp, type GatewayApp } from './create-gateway-app';
import { DEMO_IDENTITIES } from '@sc/demo';
import type { GraphQLBody } from './testing/http';
import { TEST_KEYS, gatewayVerifyKeys, startFakeSubgraphs, testGatewayConfig, writeTestJwks, type FakeSubgraphs } from './testing/fake-subgraphs';

// End to end in one process: client token → gateway → two federated subgraphs that verify the internal header.
describe('createGatewayApp', () => {
  // 2 s, not less: the first federated request of a cold process on a loaded 2-core CI box took over 300 ms;
  // slowPing answers after 10 s, so the timeout test still times out.
  const config = testGatewayConfig({ subgraphTimeoutsMs: { ORDERS: 2_000 }, limits: { ...testGatewayConfig().limits, maxDepth: 3 } });
  let subgraphs: FakeSubgraphs;
  let gateway: GatewayApp;
  let base: string;
  let sellerToken: string;

  beforeAll(async () => {
    subgraphs = await startFakeSubgraphs(gatewayVerifyKeys(config));
    gateway = await createGatewayApp(config, { supergraphSdl: subgraphs.supergraphSdl });
    base = (await gateway.listen(0, '127.0.0.1')).url.replace(/\/graphql$/, '');
    sellerToken = await signClientToken({ ...DEMO_IDENTITIES.seller, roles: ['SELLER_STAFF'] }, TEST_KEYS.clientToken);
  });
  afterAll(async () => {
    await gateway?.stop();
    await subgraphs?.stop();
  });

  const graphql = async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
  };

  it('runs a federated query as the verified caller, signing the internal header for each subgraph', async () => {
    subgraphs.received.length = 0;
    const { status, body, headers } = await graphql('{ shop { id name orderCount } }', {
      authorization: `Bearer ${sellerToken}`,
      [CORRELATION_ID_HEADER]: 'corr-e2e-1',
    });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { shop: { id: 'shp_demo', name: 'Demo shop', orderCount: 7 } } });
    expect(headers.get(CORRELATION_ID_HEADER)).toBe('corr-e2e-1');
    expect(subgraphs.received.map((r) => r.subgraph).sort()).toEqual(['catalog', 'orders']);
    for (const request of subgraphs.received) {
      // The demo seller owns its shop (the fake catalog's default answer), so the owner's access is signed in.
      expect(request.identity).toEqual({ ...DEMO_IDENTITIES.seller, access: OWNER_ACCESS });
      expect(request.correlationId).toBe('corr-e2e-1');
    }
  });

  it('refuses operations without a valid token with 401 UNAUTHENTICATED', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Record<string, string>[]) {
      const { status, body } = await graphql('{ shop { id } }', headers);
      expect(status).toBe(401);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
  });

  it("picks up a rotation of the client token issuer's keys (its JWKS file rewritten) without a restart", async () => {
    const next = generateSigningKey();
    const buyer: Identity = { userId: 'usr_rotation_buyer', sellerId: null, roles: ['BUYER'] };
    const call = async (key: typeof next, identity: Identity = { ...DEMO_IDENTITIES.seller, roles: ['SELLER_STAFF'] }) =>
      (await graphql('{ ping }', { authorization: `Bearer ${await signClientToken(identity, key)}` })).status;
    try {
      expect(await call(next)).toBe(401);
      writeTestJwks([TEST_KEYS.clientToken, next]);
      expect(await call(next)).toBe(200);
      expect(await call(TEST_KEYS.clientToken)).toBe(200);
      writeTestJwks([next]);
      expect(await call(TEST_KEYS.clientToken, buyer)).toBe(401);
      expect(await call(next, buyer)).toBe(200);
    } finally {
      writeTestJwks([TEST_KEYS.clientToken]);
    }
  });

  const post = async (body: unknown, token = sellerToken) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as GraphQLBody };
  };

  it('answers documents it cannot run (several operations and no name, an unknown name, a subscription) with 400 BAD_USER_INPUT', async () => {
    for (const request of [
      { query: 'query A { ping } query B { ping }' },
      { query: 'query A { ping }', operationName: 'Z' },
      { query: 'subscription S { ping }' },
    ]) {
      const { status, body } = await post(request);
      expect({ request, status, code: body.errors[0].extensions.code }).toEqual({ request, status: 400, code: 'BAD_USER_INPUT' });
    }
    // Naming one of several operations runs it.
    expect((await post({ query: 'query A { ping } query B { shop { id } }', operationName: 'A' })).body).toEqual({ data: { ping: 'pong' } });
  });

  it('gives persisted-query mistakes their standard codes', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ query: '{ ping }', extensions: { persistedQuery: { version: 1, sha256Hash: 'abc' } } }, 400, 'BAD_REQUEST'],
      [{ query: '{ ping }', extensions: { persistedQuery: { version: 2, sha256Hash: 'abc' } } }, 400, 'BAD_REQUEST'],
      [{ query: '{ ping }', extensions: { persistedQuery: { version: 1, sha256Hash: 5 } } }, 400, 'BAD_REQUEST'],
      [{ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }, 200, 'PERSISTED_QUERY_NOT_FOUND'],
    ];
    for (const [request, expectedStatus, expectedCode] of cases) {
      const { status, body } = await post(request);
      expect({ request, status, code: body.errors[0].extensions.code }).toEqual({ request, status: expectedStatus, code: expectedCode });
    }
  });

  it('keeps introspection and field suggestions to shop staff and the platform', async () => {
    const buyer = await signClientToken({ userId: 'usr_intro_buyer', sellerId: null, roles: ['BUYER'] }, TEST_KEYS.clientToken);
    const platform = await signClientToken({ userId: 'usr_intro_platform', sellerId: null, roles: ['PLATFORM'] }, TEST_KEYS.clientToken);
    const introspect = { query: '{ __schema { queryType { name } } }' };
    expect((await post(introspect)).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await post(introspect, platform)).body.data).toBeDefined();
    const refused = await post(introspect, buyer);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await post({ query: '{ shop { id } t: __type(name: "Shop") { name } }' }, buyer)).status).toBe(403);
    // __typename is not introspection of the schema.
    expect((await post({ query: '{ __typename }' }, buyer)).body).toEqual({ data: { __typename: 'Query' } });

    const typo = { query: '{ pingg }' };
    expect((await post(typo)).body.errors[0].message).toMatch(/Did you mean "ping"/);
    const hidden = await post(typo, buyer);
    expect(hidden.body.errors[0]).toMatchObject({ message: 'Cannot query field "pingg" on type "Query".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('replaces an insane correlation id with a UUID', async () => {
    const { headers } = await graphql('{ shop { id } }', { authorization: `Bearer ${sellerToken}`, [CORRELATION_ID_HEADER]: 'bad id; drop' });
    expect(headers.get(CORRELATION_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('turns a subgraph that does not answer in time into a GraphQL error, logged with the correlation id', async () => {
    const lines: string[] = [];
    configureLogging('gateway', new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    try {
      const { status, body } = await graphql('{ slowPing }', {
        authorization: `Bearer ${sellerToken}`,
        [CORRELATION_ID_HEADER]: 'corr-slow',
      });
      expect(status).toBe(200);
      expect(body.data).toEqual({ slowPing: null });
      expect(body.errors[0].extensions).toEqual({ code: 'SUBGRAPH_TIMEOUT' }); // which service is for the log only
      const logged = lines
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(logged).toContainEqual(expect.objectContaining({ level: 'error', service: 'gateway', code: 'SUBGRAPH_TIMEOUT', correlationId: 'corr-slow' }));
    } finally {
      configureLogging('gateway');
    }
  });

  it('rejects an over-deep query with a stable code', async () => {
    const { status, body } = await graphql('{ shop { id } __type(name: "Shop") { fields { type { ofType { name } } } } }', {
      authorization: `Bearer ${sellerToken}`,
    });
    expect(status).toBe(400);
    expect(body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers an oversized body with 413 in GraphQL shape', async () => {
    const { status, body } = await graphql(`{ shop { id } } # ${'x'.repeat(config.bodyLimitBytes)}`, {
      authorization: `Bearer ${sellerToken}`,
    });
    expect(status).toBe(413);
    expect(body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("keeps Apollo Server's HTTP rules: GET needs a CSRF preflight header, other methods get 405", async () => {
    const auth = { authorization: `Bearer ${sellerToken}` };
    const url = `${base}/graphql?query=${encodeURIComponent('{ shop { id } }')}`;
    const get = await fetch(url, { headers: { ...auth, 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual({ data: { shop: { id: 'shp_demo' } } });
    const csrf = await fetch(url, { headers: auth });
    expect(csrf.status).toBe(400);
    expect(((await csrf.json()) as GraphQLBody).errors[0].extensions.code).toBe('BAD_REQUEST');
    const put = await fetch(`${base}/graphql`, { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect(put.status).toBe(405);
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST, carrying the correlation id', async () => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sellerToken}`, 'content-type': 'application/json', [CORRELATION_ID_HEADER]: 'corr-bad-json' },
      body: '{ not json',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get(CORRELATION_ID_HEADER)).toBe('corr-bad-json');
    expect(await response.json()).toEqual({ errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
  });

  it('puts the correlation id on refusals too', async () => {
    const { status, headers } = await graphql('{ shop { id } }', { [CORRELATION_ID_HEADER]: 'corr-401' });
    expect(status).toBe(401);
    expect(headers.get(CORRELATION_ID_HEADER)).toBe('corr-401');
  });

  it('serves /health without a token', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the explorer and its assets without a token, with no external URLs in the page', async () => {
    const page = await fetch(`${base}/explorer/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('AltairGraphQL.init');
    expect(html).toContain('<base href="/explorer/">');
    expect(html.match(/https?:\/\/[^\s"'`<>]+/g)).toBeNull();
    const script = /<script type="module" src="([^"]+)"/.exec(html)![1];
    expect((await fetch(`${base}/explorer/${script}`)).status).toBe(200);
  });

  it('pre-fills the explorer header from ?token= only when it looks like a JWT', async () => {
    expect(await (await fetch(`${base}/explorer/?token=${sellerToken}`)).text()).toContain(`Bearer ${sellerToken}`);
    expect(await (await fetch(`${base}/explorer/?token=${encodeURIComponent('a`;alert(1)//')}`)).text()).not.toContain('alert(1)');
  });

  it("does not serve Apollo's CDN landing page", async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html', authorization: `Bearer ${sellerToken}` } });
    expect(await response.text()).not.toMatch(/cdn\.apollographql|embeddable-sandbox/);
  });
});

describe('createGatewayApp with credentials the subgraphs refuse', () => {
  it('logs a subgraph refusing the gateway (HTTP 401) as its own error, and tells the client nothing of it', async () => {
    const config = testGatewayConfig();
    // The subgraphs trust another key than the one this gateway signs with.
    const subgraphs = await startFakeSubgraphs(gatewayVerifyKeys({ internalSigningKey: generateSigningKey() }));
    const gateway = await createGatewayApp(config, { supergraphSdl: subgraphs.supergraphSdl });
    const lines: string[] = [];
    configureLogging('gateway', new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    try {
      const base = (await gateway.listen(0, '127.0.0.1')).url;
      const token = await signClientToken({ userId: 'usr_refused_buyer', sellerId: null, roles: ['BUYER'] }, TEST_KEYS.clientToken);
      const response = await fetch(base, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ ping }' }),
      });
      const body = (await response.json()) as GraphQLBody;
      expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
      const logged = lines
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logged).toContainEqual(
        expect.objectContaining({ level: 'error', code: 'UNAUTHENTICATED', subgraphAnswer: expect.stringContaining('Requests must come through the gateway') }),
      );
    } finally {
      configureLogging('gateway');
      await gateway.stop();
      await subgraphs.stop();
    }
  });
});

describe('createGatewayApp traffic control', () => {
  let now = 1_000_000;
  const config = testGatewayConfig({
    subgraphTimeoutsMs: { ORDERS: 1_000 },
    admission: { maxInFlight: 2, maxQueued: 1, maxWaitMs: 60_000 },
    rateLimit: { capacity: 30, restorePerSecond: 1, maxEntries: 100 },
  });
  let subgraphs: FakeSubgraphs;
  let gateway: GatewayApp;
  let base: string;

  beforeAll(async () => {
    subgraphs = await startFakeSubgraphs(gatewayVerifyKeys(config), 5_000);
    gateway = await createGatewayApp(config, { supergraphSdl: subgraphs.supergraphSdl, now: () => now });
    base = (await gateway.listen(0, '127.0.0.1')).url.replace(/\/graphql$/, '');
  });
  afterAll(async () => {
    await gateway?.stop();
    await subgraphs?.stop();
  });

  const tokenOf = (userId: string) => signClientToken({ userId, sellerId: null, roles: ['BUYER'] }, TEST_KEYS.clientToken);
  const send = async (token: string, query: string) => {
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as GraphQLBody & { extensions?: { cost?: unknown } },
    };
  };

  it('runs at most maxInFlight writes, queues maxQueued, and refuses the rest at once with 503 OVERLOADED before any subgraph call', async () => {
    subgraphs.writes.held = true;
    subgraphs.writes.count = 0;
    try {
      const tokens = await Promise.all([1, 2, 3, 4, 5].map((i) => tokenOf(`usr_burst_${i}`)));
      const answers = tokens.map((token) => send(token, 'mutation { write }'));
      const settled: Array<Awaited<(typeof answers)[number]>> = [];
      // The two refused answer while three writes still wait (two running, one queued).
      for (const answer of answers) void answer.then((a) => settled.push(a));
      while (settled.length < 2) await new Promise((resolve) => setImmediate(resolve));
      expect(settled.map((a) => [a.status, a.body.errors[0].extensions.code, a.retryAfter !== null])).toEqual([
        [503, 'OVERLOADED', true],
        [503, 'OVERLOADED', true],
      ]);
      expect(settled[0].body.errors[0].extensions.retryAfterSeconds).toBe(Number(settled[0].retryAfter));
      while (subgraphs.writes.count < 2) await new Promise((resolve) => setImmediate(resolve));
      subgraphs.writes.release();
      while (subgraphs.writes.count < 3) await new Promise((resolve) => setImmediate(resolve));
      subgraphs.writes.release();
      const all = await Promise.all(answers);
      expect(all.filter((a) => a.status === 200).map((a) => a.body.data)).toEqual([{ write: 'written' }, { write: 'written' }, { write: 'written' }]);
      expect(subgraphs.writes.count).toBe(3);
    } finally {
      subgraphs.writes.held = false;
    }
  });

  it('charges each operation its cost, reports the budget in extensions.cost, and refuses an unaffordable one with 429 THROTTLED until points come back', async () => {
    const token = await tokenOf('usr_budget');
    const read = await send(token, '{ shop { id } }');
    expect(read.body.extensions?.cost).toEqual({ requestedQueryCost: 1, throttleStatus: { maximumAvailable: 30, currentlyAvailable: 29, restoreRate: 1 } });
    expect((await send(token, 'mutation { write }')).status).toBe(200); // 10 + nothing selected: 19 left
    expect((await send(token, 'mutation { write }')).status).toBe(200); // 9 left
    const count = subgraphs.writes.count;
    const throttled = await send(token, 'mutation { write }');
    expect(throttled.status).toBe(429);
    expect(throttled.retryAfter).toBe('1');
    expect(throttled.body.errors[0].extensions).toMatchObject({ code: 'THROTTLED', retryAfterSeconds: 1 });
    expect(throttled.body.extensions?.cost).toEqual({
      requestedQueryCost: 10,
      throttleStatus: { maximumAvailable: 30, currentlyAvailable: 9, restoreRate: 1 },
    });
    expect(subgraphs.writes.count).toBe(count);
    // Another caller is not affected; and one second later this one can afford the write.
    expect((await send(await tokenOf('usr_budget_other'), 'mutation { write }')).status).toBe(200);
    now += 1000;
    expect((await send(token, 'mutation { write }')).status).toBe(200);
  });

  it('answers a write whose subgraph timed out with OUTCOME_UNKNOWN (retry with the same idempotency key), not a failure', async () => {
    const { status, body } = await send(await tokenOf('usr_slow_writer'), 'mutation { slowWrite }');
    expect(status).toBe(200);
    expect(body.data).toEqual({ slowWrite: null });
    expect(body.errors[0].extensions).toEqual({ code: 'OUTCOME_UNKNOWN', retryable: true });
    expect(body.errors[0].message).toMatch(/same idempotencyKey/);
    // A read that times out stays SUBGRAPH_TIMEOUT: nothing can have been written.
    expect((await send(await tokenOf('usr_slow_reader'), '{ slowPing }')).body.errors[0].extensions.code).toBe('SUBGRAPH_TIMEOUT');
  });
});
