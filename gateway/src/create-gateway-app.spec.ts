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
      expect(body.errors[0].extensions).toMatchObject({ code: 'SUBGRAPH_TIMEOUT', serviceName: 'orders' });
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
