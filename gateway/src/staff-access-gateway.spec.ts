import { Writable } from 'node:stream';
import { SignJWT, importJWK } from 'jose';
import { configureLogging } from '@sc/logging';
import { NO_ACCESS, OWNER_ACCESS, signClientToken, type Identity } from '@sc/auth';
import { createGatewayApp } from './create-gateway-app';
import type { GatewayConfig } from './config';
import type { GraphQLBody } from './testing/http';
import { listenOnFreePort } from './testing/http';
import { TEST_KEYS, gatewayVerifyKeys, startFakeSubgraphs, staffAccessAnswers, testGatewayConfig, type FakeSubgraphs } from './testing/fake-subgraphs';

// Client token → gateway → catalog's /internal/staff-access (fake) → access signed into the internal context
// that both fake subgraphs verify. Shop.payoutAccount needs FINANCE:VIEW in the fake catalog.
const TTL_MS = 300;
const baseConfig = testGatewayConfig();
const config = testGatewayConfig({ staffAccess: { ...baseConfig.staffAccess, ttlMs: TTL_MS, timeoutMs: 400 } });

let next = 0;
/** A staff member of a shop nobody else in this file uses, so cache entries never meet. */
const newMember = (): Identity => {
  next += 1;
  return { userId: `usr_gw_${next}`, sellerId: `shp_gw_${next}`, roles: ['SELLER_STAFF'] };
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client token validly signed by the token issuer that also carries an `access` claim of its own. */
const forgedToken = async (identity: Identity, access: unknown) =>
  new SignJWT({ sellerId: identity.sellerId, roles: identity.roles, access })
    .setProtectedHeader({ alg: 'EdDSA', kid: TEST_KEYS.clientToken.kid })
    .setSubject(identity.userId)
    .setIssuer('seller-center')
    .setAudience('seller-center-gateway')
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(await importJWK(TEST_KEYS.clientToken, 'EdDSA'));

async function startGateway(subgraphs: FakeSubgraphs, overrides: Partial<GatewayConfig> = {}) {
  const gateway = await createGatewayApp({ ...config, ...overrides }, { supergraphSdl: subgraphs.supergraphSdl });
  const url = (await gateway.listen(0, '127.0.0.1')).url;
  const graphql = async (token: string, query: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    return { status: response.status, text: await response.text() };
  };
  const as = async (identity: Identity, query: string) => {
    const { status, text } = await graphql(await signClientToken(identity, TEST_KEYS.clientToken), query);
    return { status, text, body: JSON.parse(text) as GraphQLBody };
  };
  return { gateway, graphql, as };
}

const SHOP_QUERY = '{ shop { id orderCount payoutAccount } ping }';

describe('staff access through the gateway', () => {
  let subgraphs: FakeSubgraphs;
  let gw: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    subgraphs = await startFakeSubgraphs(gatewayVerifyKeys(config));
    gw = await startGateway(subgraphs);
  });
  afterAll(async () => {
    await gw?.gateway.stop();
    await subgraphs?.stop();
  });
  beforeEach(() => {
    subgraphs.received.length = 0;
    subgraphs.staffAccess.asked.length = 0;
    subgraphs.staffAccess.reply = () => staffAccessAnswers.owner();
  });

  /** The access each subgraph request of `identity` carried. */
  const accessSeenBy = (identity: Identity) => subgraphs.received.filter((r) => r.identity.userId === identity.userId).map((r) => r.identity.access);

  it("asks catalog about the caller (signed by the gateway, without access) and signs its answer into every subgraph's context", async () => {
    const member = newMember();
    subgraphs.staffAccess.reply = () => staffAccessAnswers.active(['FINANCE:VIEW', 'ORDERS:VIEW', 'ORDERS:EDIT']);
    const { status, body } = await gw.as(member, SHOP_QUERY);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { shop: { id: member.sellerId, orderCount: 7, payoutAccount: 'DE00 1234' }, ping: 'pong' } });
    expect(subgraphs.staffAccess.asked).toEqual([member]);
    expect(subgraphs.staffAccess.refused).toBe(0);
    const seen = accessSeenBy(member);
    expect(seen).toHaveLength(2);
    for (const access of seen) expect(access).toEqual({ owner: false, permissions: ['ORDERS:EDIT', 'FINANCE:VIEW'] });
  });

  it("refuses a staff field the member's roles do not grant, and serves the rest", async () => {
    const member = newMember();
    subgraphs.staffAccess.reply = () => staffAccessAnswers.active(['ORDERS:VIEW']);
    const { body } = await gw.as(member, SHOP_QUERY);
    expect(body.data).toEqual({ shop: { id: member.sellerId, orderCount: 7, payoutAccount: null }, ping: 'pong' });
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('reuses an answer for the TTL, then picks up a deactivation', async () => {
    const member = newMember();
    subgraphs.staffAccess.reply = () => staffAccessAnswers.active(['FINANCE:VIEW']);
    expect((await gw.as(member, SHOP_QUERY)).body.data?.shop).toMatchObject({ payoutAccount: 'DE00 1234' });
    subgraphs.staffAccess.reply = () => staffAccessAnswers.none();
    expect((await gw.as(member, SHOP_QUERY)).body.data?.shop).toMatchObject({ payoutAccount: 'DE00 1234' });
    expect(subgraphs.staffAccess.asked).toHaveLength(1);
    await sleep(TTL_MS + 50);
    const after = await gw.as(member, SHOP_QUERY);
    expect(after.body.data?.shop).toMatchObject({ payoutAccount: null });
    expect(after.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(subgraphs.staffAccess.asked).toHaveLength(2);
    expect(accessSeenBy(member).at(-1)).toEqual(NO_ACCESS);
  });

  it('makes one lookup for concurrent requests of one member', async () => {
    const member = newMember();
    subgraphs.staffAccess.reply = async () => {
      await sleep(100);
      return staffAccessAnswers.owner();
    };
    const token = await signClientToken(member, TEST_KEYS.clientToken);
    const answers = await Promise.all(Array.from({ length: 10 }, () => gw.graphql(token, '{ shop { id } }')));
    for (const { status, text } of answers) {
      expect(status).toBe(200);
      expect(JSON.parse(text)).toEqual({ data: { shop: { id: member.sellerId } } });
    }
    expect(subgraphs.staffAccess.asked).toHaveLength(1);
  });

  it('does not cache NONE: a shop registered a moment ago works on the next request', async () => {
    const member = newMember();
    subgraphs.staffAccess.reply = () => staffAccessAnswers.none();
    expect(accessSeenBy(member)).toEqual([]);
    await gw.as(member, '{ ping }');
    expect(accessSeenBy(member)).toEqual([NO_ACCESS]);
    subgraphs.staffAccess.reply = () => staffAccessAnswers.owner(); // e.g. registerShop just committed
    await gw.as(member, '{ ping }');
    expect(accessSeenBy(member)).toEqual([NO_ACCESS, OWNER_ACCESS]);
    expect(subgraphs.staffAccess.asked).toHaveLength(2);
  });

  it.each([
    ['answers HTTP 503', () => ({ httpStatus: 503 })],
    ['does not answer in time', () => 'HANG' as const],
  ])('proceeds with NO_ACCESS when catalog %s: staff fields FORBIDDEN, the rest works, never a 500 or an internal URL', async (_what, reply) => {
    const member = newMember();
    subgraphs.staffAccess.reply = reply;
    const { status, text, body } = await gw.as(member, SHOP_QUERY);
    expect(status).toBe(200);
    expect(body.data).toEqual({ shop: { id: member.sellerId, orderCount: 7, payoutAccount: null }, ping: 'pong' });
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    expect(text).not.toMatch(/127\.0\.0\.1|staff-access|http:/);
    expect(accessSeenBy(member)).toEqual([NO_ACCESS, NO_ACCESS]);
    // Nothing was cached: the next request asks again.
    subgraphs.staffAccess.reply = () => staffAccessAnswers.owner();
    expect((await gw.as(member, SHOP_QUERY)).body.data?.shop).toMatchObject({ payoutAccount: 'DE00 1234' });
  });

  it('never looks up buyers, carriers or the platform', async () => {
    for (const identity of [
      { userId: 'byr_gw', sellerId: null, roles: ['BUYER'] },
      { userId: 'crr_gw', sellerId: null, roles: ['CARRIER'] },
      { userId: 'plt_gw', sellerId: null, roles: ['PLATFORM'] },
    ] satisfies Identity[]) {
      const { status, body } = await gw.as(identity, '{ ping }');
      expect(status).toBe(200);
      expect(body.data).toEqual({ ping: 'pong' });
      expect(accessSeenBy(identity)).toEqual([undefined]);
    }
    expect(subgraphs.staffAccess.asked).toEqual([]);
  });

  it("ignores an access claim the client's own token carries", async () => {
    const member = newMember();
    subgraphs.staffAccess.reply = () => staffAccessAnswers.active(['ORDERS:VIEW']);
    const forged = await gw.graphql(await forgedToken(member, { owner: true, permissions: [] }), SHOP_QUERY);
    expect((JSON.parse(forged.text) as GraphQLBody).data?.shop).toMatchObject({ payoutAccount: null });
    expect(accessSeenBy(member)).toEqual([
      { owner: false, permissions: ['ORDERS:VIEW'] },
      { owner: false, permissions: ['ORDERS:VIEW'] },
    ]);
    expect(subgraphs.staffAccess.asked).toEqual([member]);

    const buyer: Identity = { userId: 'byr_forger', sellerId: null, roles: ['BUYER'] };
    await gw.graphql(await forgedToken(buyer, { owner: true, permissions: [] }), '{ ping }');
    expect(accessSeenBy(buyer)).toEqual([undefined]);
  });
});

describe('staff access with catalog down', () => {
  let subgraphs: FakeSubgraphs;
  let gw: Awaited<ReturnType<typeof startGateway>>;
  const lines: string[] = [];

  beforeAll(async () => {
    configureLogging('gateway', new Writable({ write: (chunk, _encoding, done) => done(void lines.push(String(chunk))) }));
    subgraphs = await startFakeSubgraphs(gatewayVerifyKeys(config));
    // Nothing listens where the gateway looks for catalog's staff-access endpoint.
    const closed = await listenOnFreePort((_req, res) => res.end());
    await closed.close();
    gw = await startGateway(subgraphs, { staffAccess: { ...config.staffAccess, url: `${closed.url}/internal/staff-access` } });
  });
  afterAll(async () => {
    configureLogging('gateway');
    await gw?.gateway.stop();
    await subgraphs?.stop();
  });

  it('serves every request with NO_ACCESS (never a 500, no internal URL) and logs the failure once per interval', async () => {
    const member = newMember();
    for (let i = 0; i < 5; i += 1) {
      const { status, text, body } = await gw.as(member, SHOP_QUERY);
      expect(status).toBe(200);
      expect(body.data).toEqual({ shop: { id: member.sellerId, orderCount: 7, payoutAccount: null }, ping: 'pong' });
      expect(text).not.toMatch(/127\.0\.0\.1|staff-access|ECONNREFUSED/);
    }
    const failures = lines
      .join('')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((e) => e.code === 'STAFF_ACCESS_UNAVAILABLE');
    expect(failures).toEqual([expect.objectContaining({ level: 'error', service: 'gateway', failures: 1 })]);
  });
});
