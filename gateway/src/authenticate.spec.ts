import { Writable } from 'node:stream';
import { SignJWT, importJWK } from 'jose';
import { DEFAULT_CLIENT_TOKEN_POLICY, generateSigningKey, signClientToken, verificationKeyOf, type Identity, type SigningKey } from '@sc/auth';
import { configureLogging } from '@sc/logging';
import { authenticator } from './authenticate';
import type { ClientTokenConfig } from './config';
import { listenOnFreePort, type GraphQLBody } from './testing/http';
import { writeTestJwks } from './testing/fake-subgraphs';

const seller: Identity = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF'] };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A gateway-like server answering 200 with the verified identity, or the authenticator's 401. */
async function serve(config: ClientTokenConfig) {
  const authenticate = authenticator(config);
  const base = await listenOnFreePort((req, res) => {
    void authenticate(req, res).then((identity) => {
      if (identity) res.setHeader('content-type', 'application/json').end(JSON.stringify({ identity }));
    });
  });
  const call = (authorization?: string) =>
    fetch(base.url, { headers: authorization ? { authorization } : {} }).then(async (r) => ({
      status: r.status,
      body: (await r.json()) as GraphQLBody & { identity?: Identity },
    }));
  return { call, close: () => base.close() };
}

describe('authenticator', () => {
  const issuer = generateSigningKey();
  const file = writeTestJwks([issuer], 'authenticate-jwks.json');
  const config: ClientTokenConfig = { jwks: { file, checkIntervalMs: 0 }, ...DEFAULT_CLIENT_TOKEN_POLICY };
  let server: Awaited<ReturnType<typeof serve>>;

  beforeAll(async () => {
    server = await serve(config);
  });
  afterAll(() => server.close());

  /** A token with the given header and claims, EdDSA-signed by `key`. */
  const forge = async (claims: Record<string, unknown>, key: SigningKey = issuer, header: Record<string, unknown> = {}) =>
    new SignJWT({ sub: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF'], iss: 'seller-center', aud: 'seller-center-gateway', ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, ...header })
      .sign(await importJWK(key, 'EdDSA'));
  const now = () => Math.floor(Date.now() / 1000);

  it('passes the verified identity on', async () => {
    const token = await signClientToken(seller, issuer);
    expect(await server.call(`Bearer ${token}`)).toEqual({ status: 200, body: { identity: seller } });
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['a missing header', async () => undefined],
    ['a non-bearer scheme', async () => 'Basic dXNlcjpwYXNz'],
    ['a malformed token', async () => 'Bearer not-a-jwt'],
    ['a token signed with a key not in the set', async () => `Bearer ${await signClientToken(seller, generateSigningKey())}`],
    [
      'a token signed with a wrong key under the right kid',
      async () => `Bearer ${await forge({ iat: now(), exp: now() + 60 }, generateSigningKey(), { kid: issuer.kid })}`,
    ],
    [
      'an unsigned token (alg none)',
      async () => `Bearer ${b64({ alg: 'none' })}.${b64({ sub: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF'], exp: now() + 60 })}.`,
    ],
    [
      'an HS256 token keyed by the public key',
      async () =>
        `Bearer ${await new SignJWT({
          sub: 'usr_1',
          sellerId: 'shp_1',
          roles: ['SELLER_STAFF'],
          iss: 'seller-center',
          aud: 'seller-center-gateway',
          iat: now(),
          exp: now() + 60,
        })
          .setProtectedHeader({ alg: 'HS256', kid: issuer.kid })
          .sign(Buffer.from(issuer.x, 'base64url'))}`,
    ],
    ['a token without exp', async () => `Bearer ${await forge({ iat: now() })}`],
    ['a token without iat', async () => `Bearer ${await forge({ exp: now() + 60 })}`],
    ['an expired token', async () => `Bearer ${await signClientToken(seller, issuer, '-10s')}`],
    ['a token valid for longer than AUTH_MAX_TOKEN_LIFETIME', async () => `Bearer ${await signClientToken(seller, issuer, '30d')}`],
    ['a token of another issuer', async () => `Bearer ${await forge({ iat: now(), exp: now() + 60, iss: 'https://elsewhere.example' })}`],
    ['a token for another audience', async () => `Bearer ${await forge({ iat: now(), exp: now() + 60, aud: 'seller-center-subgraph' })}`],
  ])('refuses %s with 401 UNAUTHENTICATED and one message for every reason', async (_label, header) => {
    const { status, body } = await server.call(await header());
    expect(status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    if (body.errors[0].message !== 'Missing bearer token (Authorization: Bearer <token>)') expect(body.errors[0].message).toBe('Invalid or expired token');
  });

  it('picks up a key rotation in the JWKS file without a restart', async () => {
    const next = generateSigningKey();
    const buyer: Identity = { userId: 'byr_1', sellerId: null, roles: ['BUYER'] };
    const nextToken = await signClientToken(seller, next);
    expect((await server.call(`Bearer ${nextToken}`)).status).toBe(401);
    writeTestJwks([issuer, next], 'authenticate-jwks.json');
    expect(await server.call(`Bearer ${nextToken}`)).toEqual({ status: 200, body: { identity: seller } });
    writeTestJwks([next], 'authenticate-jwks.json');
    // A token of the withdrawn key not seen before is refused at once (one verified earlier is trusted ≤ 60 s more).
    expect((await server.call(`Bearer ${await signClientToken(buyer, issuer)}`)).status).toBe(401);
    expect((await server.call(`Bearer ${await signClientToken(buyer, next)}`)).status).toBe(200);
    writeTestJwks([issuer], 'authenticate-jwks.json');
  });

  it('honours a configured lifetime, issuer and audience', async () => {
    const idp = await serve({ jwks: { file, checkIntervalMs: 0 }, issuer: 'https://login.example', audience: 'sc', maxLifetimeSeconds: 600 });
    try {
      const token = (lifetime: number) => forge({ iss: 'https://login.example', aud: 'sc', iat: now(), exp: now() + lifetime });
      expect((await idp.call(`Bearer ${await token(600)}`)).status).toBe(200);
      expect((await idp.call(`Bearer ${await token(601)}`)).status).toBe(401);
      expect((await idp.call(`Bearer ${await signClientToken(seller, issuer, '5m')}`)).status).toBe(401);
    } finally {
      await idp.close();
    }
  });
});

describe('authenticator with a JWKS URL', () => {
  let served = '';
  let jwks: Awaited<ReturnType<typeof listenOnFreePort>>;
  beforeAll(async () => {
    jwks = await listenOnFreePort((_req, res) => {
      if (served === '') res.writeHead(503).end();
      else res.setHeader('content-type', 'application/json').end(served);
    });
  });
  afterAll(() => jwks.close());

  it("fetches the issuer's key set, picks up a newly published key at once, and logs when the set cannot be fetched", async () => {
    const lines: string[] = [];
    configureLogging('gateway', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const old = generateSigningKey();
    const next = generateSigningKey();
    served = JSON.stringify({ keys: [verificationKeyOf(old)] });
    const server = await serve({
      jwks: { url: `${jwks.url}/jwks.json`, cacheMaxAgeMs: 600_000, cooldownMs: 0, timeoutMs: 1000, maxStaleMs: 21_600_000 },
      ...DEFAULT_CLIENT_TOKEN_POLICY,
    });
    try {
      expect((await server.call(`Bearer ${await signClientToken(seller, old)}`)).status).toBe(200);
      served = JSON.stringify({ keys: [verificationKeyOf(old), verificationKeyOf(next)] });
      expect((await server.call(`Bearer ${await signClientToken(seller, next)}`)).status).toBe(200);
      // The issuer's endpoint fails: an unknown kid cannot be checked, so it is refused, and the gateway says why.
      served = '';
      expect((await server.call(`Bearer ${await signClientToken(seller, generateSigningKey())}`)).status).toBe(401);
      expect(lines.filter((line) => line.includes('AUTH_JWKS_UNAVAILABLE'))).toHaveLength(1);
    } finally {
      await server.close();
      configureLogging('gateway');
    }
  });
});
