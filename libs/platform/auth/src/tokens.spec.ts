import { createPublicKey } from 'node:crypto';
import { SignJWT, importJWK, type JWTPayload } from 'jose';
import { generateSigningKey, verificationKeyOf, type SigningKey, type VerificationKey } from './keys';
import { DEFAULT_CLIENT_TOKEN_POLICY, signClientToken, signInternalContext, verifyClientToken, verifyInternalContext } from './tokens';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

interface ForgeOptions {
  key?: SigningKey;
  kid?: string;
  audience?: string;
  issuer?: string;
  /** Seconds from now; `null` leaves the claim out. */
  exp?: number | null;
  iat?: number | null;
}

describe('tokens', () => {
  const issuer = generateSigningKey();
  const keys = [verificationKeyOf(issuer)];
  const gateway = generateSigningKey();
  const gatewayKeys = [verificationKeyOf(gateway)];
  const seller = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF' as const] };
  const now = () => Math.floor(Date.now() / 1000);

  /** A token with exactly the claims and header asked for, signed with EdDSA by `key` (the issuer's by default). */
  const forge = async (options: ForgeOptions = {}, claims: JWTPayload = { sellerId: 'shp_1', roles: ['SELLER_STAFF'] }) => {
    const key = options.key ?? issuer;
    const payload: JWTPayload = {
      ...claims,
      sub: 'usr_1',
      iss: options.issuer ?? 'seller-center',
      aud: options.audience ?? 'seller-center-gateway',
      ...(options.iat === null ? {} : { iat: now() + (options.iat ?? 0) }),
      ...(options.exp === null ? {} : { exp: now() + (options.exp ?? 3600) }),
    };
    return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: options.kid ?? key.kid }).sign(await importJWK(key, 'EdDSA'));
  };

  it('round-trips a client token and an internal context', async () => {
    expect(await verifyClientToken(await signClientToken(seller, issuer), keys)).toEqual(seller);
    expect(await verifyInternalContext(await signInternalContext(seller, gateway), gatewayKeys)).toEqual(seller);
    // The header names the key, so a verifier holding several picks the right one.
    const header = JSON.parse(Buffer.from((await signClientToken(seller, issuer)).split('.')[0], 'base64url').toString()) as Record<string, unknown>;
    expect(header).toEqual({ alg: 'EdDSA', kid: issuer.kid, typ: 'JWT' });
  });

  it("carries a staff member's resolved access in the internal context only, never in a client token", async () => {
    const staff = { ...seller, access: { owner: false, permissions: ['ORDERS:VIEW' as const] } };
    expect(await verifyInternalContext(await signInternalContext(staff, gateway), gatewayKeys)).toEqual(staff);
    expect(await verifyClientToken(await signClientToken(staff, issuer), keys)).toEqual(seller);
    // A buyer never carries staff access, whatever the caller passed.
    const buyer = { userId: 'byr_1', sellerId: null, roles: ['BUYER' as const], access: { owner: true, permissions: [] } };
    expect(await verifyInternalContext(await signInternalContext(buyer, gateway), gatewayKeys)).toEqual({ userId: 'byr_1', sellerId: null, roles: ['BUYER'] });
  });

  it('accepts keys as one public key, a list or a key set document', async () => {
    const token = await signClientToken(seller, issuer);
    await expect(verifyClientToken(token, verificationKeyOf(issuer))).resolves.toEqual(seller);
    await expect(verifyClientToken(token, { keys: [verificationKeyOf(generateSigningKey()), verificationKeyOf(issuer)] })).resolves.toEqual(seller);
  });

  it("accepts an issuer's Ed25519 token under the fully specified alg name (RFC 9864)", async () => {
    const { alg: _alg, ...unnamed } = verificationKeyOf(issuer);
    const token = await new SignJWT({ sellerId: 'shp_1', roles: ['SELLER_STAFF'] })
      .setProtectedHeader({ alg: 'Ed25519', kid: issuer.kid })
      .setSubject('usr_1')
      .setIssuer('seller-center')
      .setAudience('seller-center-gateway')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(await importJWK(issuer, 'Ed25519'));
    await expect(verifyClientToken(token, { keys: [unnamed as VerificationKey] })).resolves.toEqual(seller);
    // Internal contexts are the gateway's own: EdDSA as it signs them, nothing else.
    await expect(verifyInternalContext(token, { keys: [unnamed as VerificationKey] })).rejects.toThrow(/"alg"/);
  });

  describe('refuses a client token', () => {
    it('signed with another key, under its own kid or under the right kid', async () => {
      const other = generateSigningKey();
      await expect(verifyClientToken(await signClientToken(seller, other), keys)).rejects.toThrow(/no applicable key/);
      await expect(verifyClientToken(await forge({ key: other, kid: issuer.kid }), keys)).rejects.toThrow(/signature verification failed/);
    });

    it('with an unknown kid, even if the key would verify it', async () => {
      await expect(verifyClientToken(await forge({ kid: 'not-in-the-set' }), keys)).rejects.toThrow(/no applicable key/);
    });

    it('with alg none (unsigned)', async () => {
      const payload = {
        sub: 'usr_1',
        sellerId: 'shp_1',
        roles: ['SELLER_STAFF'],
        iss: 'seller-center',
        aud: 'seller-center-gateway',
        iat: now(),
        exp: now() + 60,
      };
      for (const header of [{ alg: 'none' }, { alg: 'none', kid: issuer.kid }, { alg: 'None', typ: 'JWT' }]) {
        await expect(verifyClientToken(`${b64(header)}.${b64(payload)}.`, keys)).rejects.toThrow();
        await expect(verifyClientToken(`${b64(header)}.${b64(payload)}.c2ln`, keys)).rejects.toThrow();
      }
    });

    it('with HS256 keyed by the public key (the algorithm-confusion attack)', async () => {
      const publicPem = createPublicKey({ key: { ...verificationKeyOf(issuer) }, format: 'jwk' })
        .export({ format: 'pem', type: 'spki' })
        .toString();
      const secrets = [
        Buffer.from(issuer.x, 'base64url'),
        new TextEncoder().encode(issuer.x),
        new TextEncoder().encode(JSON.stringify(keys[0])),
        new TextEncoder().encode(publicPem),
      ];
      for (const secret of secrets) {
        const token = await new SignJWT({ sellerId: 'shp_1', roles: ['SELLER_STAFF'] })
          .setProtectedHeader({ alg: 'HS256', kid: issuer.kid })
          .setSubject('usr_1')
          .setIssuer('seller-center')
          .setAudience('seller-center-gateway')
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(secret);
        await expect(verifyClientToken(token, keys)).rejects.toThrow(/"alg" \(Algorithm\) Header Parameter value not allowed/);
      }
    });

    it('without exp', async () => {
      await expect(verifyClientToken(await forge({ exp: null }), keys)).rejects.toThrow(/"exp" claim/);
    });

    it('without iat', async () => {
      await expect(verifyClientToken(await forge({ iat: null }), keys)).rejects.toThrow(/"iat" claim/);
    });

    it('expired', async () => {
      await expect(verifyClientToken(await signClientToken(seller, issuer, '-1m'), keys)).rejects.toThrow(/"exp" claim timestamp check failed/);
      await expect(verifyClientToken(await forge({ iat: -7200, exp: -1 }), keys)).rejects.toThrow(/"exp"/);
    });

    it('whose lifetime (exp − iat) is longer than the policy allows, however recent', async () => {
      const day = 24 * 3600;
      await expect(verifyClientToken(await forge({ exp: day }), keys)).resolves.toEqual(seller);
      await expect(verifyClientToken(await forge({ exp: day + 1 }), keys)).rejects.toThrow(/more than 86400 s after "iat"/);
      await expect(verifyClientToken(await signClientToken(seller, issuer, '30d'), keys)).rejects.toThrow(/after "iat"/);
      const hour = { ...DEFAULT_CLIENT_TOKEN_POLICY, maxLifetimeSeconds: 3600 };
      await expect(verifyClientToken(await signClientToken(seller, issuer, '1h'), keys, hour)).resolves.toEqual(seller);
      await expect(verifyClientToken(await signClientToken(seller, issuer, '2h'), keys, hour)).rejects.toThrow(/more than 3600 s/);
    });

    it('issued in the future, or issued longer ago than the lifetime', async () => {
      await expect(verifyClientToken(await forge({ iat: 600, exp: 1200 }), keys)).rejects.toThrow(
        /"iat" claim timestamp check failed \(it should be in the past\)/,
      );
      // exp − iat is small but iat is older than the lifetime: only an issuer's clock gone wrong makes this.
      await expect(verifyClientToken(await forge({ iat: -(24 * 3600 + 10), exp: 60 }), keys)).rejects.toThrow(/"iat"|after "iat"/);
    });

    it('with another issuer or audience; a configured issuer and audience are honoured', async () => {
      await expect(verifyClientToken(await forge({ issuer: 'https://evil.example' }), keys)).rejects.toThrow(/"iss" claim/);
      await expect(verifyClientToken(await forge({ audience: 'seller-center-subgraph' }), keys)).rejects.toThrow(/"aud" claim/);
      const idp = { issuer: 'https://login.example', audience: 'seller-center', maxLifetimeSeconds: 3600 };
      await expect(verifyClientToken(await forge({ issuer: idp.issuer, audience: idp.audience }), keys, idp)).resolves.toEqual(seller);
      await expect(verifyClientToken(await signClientToken(seller, issuer, '1h'), keys, idp)).rejects.toThrow(/"iss" claim/);
    });

    it('without roles or with unknown roles only', async () => {
      await expect(verifyClientToken(await forge({}, { roles: ['ADMIN'] }), keys)).rejects.toThrow(/roles/);
      await expect(verifyClientToken(await forge({}, {}), keys)).rejects.toThrow(/roles/);
    });
  });

  it('does not accept a client token as an internal context, or the reverse, even under one key', async () => {
    await expect(verifyInternalContext(await signClientToken(seller, issuer), keys)).rejects.toThrow(/"aud"/);
    await expect(verifyClientToken(await signInternalContext(seller, issuer), keys)).rejects.toThrow(/"aud"/);
  });

  describe('internal context', () => {
    const forgeInternal = (options: ForgeOptions) => forge({ key: gateway, audience: 'seller-center-subgraph', ...options });

    it('is refused when signed by any key but the gateway’s', async () => {
      await expect(verifyInternalContext(await signInternalContext(seller, generateSigningKey()), gatewayKeys)).rejects.toThrow(/no applicable key/);
      await expect(verifyInternalContext(await forgeInternal({ key: generateSigningKey(), kid: gateway.kid }), gatewayKeys)).rejects.toThrow(/signature/);
      // The client token issuer's key is not the gateway's either.
      await expect(verifyInternalContext(await signInternalContext(seller, issuer), gatewayKeys)).rejects.toThrow(/no applicable key/);
    });

    it('is refused unsigned (alg none) or HMAC-signed', async () => {
      const payload = {
        sub: 'usr_1',
        sellerId: 'shp_1',
        roles: ['SELLER_STAFF'],
        iss: 'seller-center',
        aud: 'seller-center-subgraph',
        iat: now(),
        exp: now() + 60,
      };
      await expect(verifyInternalContext(`${b64({ alg: 'none' })}.${b64(payload)}.`, gatewayKeys)).rejects.toThrow();
      const hmac = await new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: gateway.kid }).sign(Buffer.from(gateway.x, 'base64url'));
      await expect(verifyInternalContext(hmac, gatewayKeys)).rejects.toThrow(/"alg"/);
    });

    it('is refused without exp or iat, expired, or valid for more than a minute', async () => {
      await expect(verifyInternalContext(await forgeInternal({ exp: 60 }), gatewayKeys)).resolves.toEqual(seller);
      await expect(verifyInternalContext(await forgeInternal({ exp: null }), gatewayKeys)).rejects.toThrow(/"exp" claim/);
      await expect(verifyInternalContext(await forgeInternal({ iat: null }), gatewayKeys)).rejects.toThrow(/"iat" claim/);
      await expect(verifyInternalContext(await forgeInternal({ iat: -90, exp: -30 }), gatewayKeys)).rejects.toThrow(/"exp"/);
      await expect(verifyInternalContext(await forgeInternal({ exp: 3600 }), gatewayKeys)).rejects.toThrow(/more than 60 s after "iat"/);
    });

    it("accepts the old and the new gateway key during a rotation of the gateway's key", async () => {
      const next = generateSigningKey();
      const during = [verificationKeyOf(gateway), verificationKeyOf(next)];
      await expect(verifyInternalContext(await signInternalContext(seller, gateway), during)).resolves.toEqual(seller);
      await expect(verifyInternalContext(await signInternalContext(seller, next), during)).resolves.toEqual(seller);
      await expect(verifyInternalContext(await signInternalContext(seller, gateway), [verificationKeyOf(next)])).rejects.toThrow();
    });
  });

  it('signs only with a private key and verifies only with public ones', async () => {
    await expect(signClientToken(seller, verificationKeyOf(issuer) as SigningKey)).rejects.toThrow(/private Ed25519 key/);
    await expect(verifyInternalContext(await signInternalContext(seller, gateway), [gateway])).rejects.toThrow(/public keys only/);
  });
});
