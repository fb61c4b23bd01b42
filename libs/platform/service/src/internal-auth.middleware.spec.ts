import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SignJWT, importJWK } from 'jose';
import { INTERNAL_CONTEXT_HEADER, currentContext, generateSigningKey, signInternalContext, verificationKeyOf, type SigningKey } from '@sc/auth';
import { internalAuthMiddleware } from './internal-auth.middleware';

describe('internalAuthMiddleware', () => {
  const gateway = generateSigningKey();
  const seller = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF' as const] };
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const app = express();
    app.use('/graphql', internalAuthMiddleware([verificationKeyOf(gateway)], false));
    app.post('/graphql', (_req, res) => {
      res.json({ identity: currentContext().identity });
    });
    server = createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const call = async (token?: string) => {
    const response = await fetch(url, { method: 'POST', headers: token === undefined ? {} : { [INTERNAL_CONTEXT_HEADER]: token } });
    return {
      status: response.status,
      body: (await response.json()) as { identity?: unknown; errors?: Array<{ message: string; extensions: { code: string } }> },
    };
  };
  const forge = async (key: SigningKey, lifetime: { iat?: boolean; exp?: string | null }) => {
    const jwt = new SignJWT({ sellerId: 'shp_1', roles: ['SELLER_STAFF'] })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setSubject('usr_1')
      .setIssuer('seller-center')
      .setAudience('seller-center-subgraph');
    if (lifetime.iat !== false) jwt.setIssuedAt();
    if (lifetime.exp !== null) jwt.setExpirationTime(lifetime.exp ?? '60s');
    return jwt.sign(await importJWK(key, 'EdDSA'));
  };

  it("runs the request as the caller the gateway's key vouches for", async () => {
    expect(await call(await signInternalContext(seller, gateway))).toEqual({ status: 200, body: { identity: seller } });
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['no header', async () => undefined],
    ['an empty header', async () => ''],
    ['a context signed by another key', () => signInternalContext(seller, generateSigningKey())],
    ['a context signed by another key under the gateway’s kid', () => forge(generateSigningKey(), {})],
    [
      'an unsigned context (alg none)',
      async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${(await signInternalContext(seller, gateway)).split('.')[1]}.`,
    ],
    ['a context without exp', () => forge(gateway, { exp: null })],
    ['a context without iat', () => forge(gateway, { iat: false })],
    ['an expired context', () => forge(gateway, { exp: '-1s' })],
    ['a context valid for an hour', () => forge(gateway, { exp: '1h' })],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_label, token) => {
    const { status, body } = await call(await token());
    expect(status).toBe(401);
    expect(body.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
