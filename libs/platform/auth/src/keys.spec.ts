import { generateKeyPairSync } from 'node:crypto';
import { generateSigningKey, keyIdOf, parseSigningKey, parseVerificationKeys, verificationKeyOf } from './keys';
import { signClientToken, verifyClientToken } from './tokens';

describe('keys', () => {
  const seller = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF' as const] };

  it('generates Ed25519 keys named by their RFC 7638 thumbprint', () => {
    const key = generateSigningKey();
    expect(key).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), d: expect.any(String), kid: keyIdOf(key.x), alg: 'EdDSA', use: 'sig' });
    expect(verificationKeyOf(key)).toEqual({ kty: 'OKP', crv: 'Ed25519', x: key.x, kid: key.kid, alg: 'EdDSA', use: 'sig' });
    expect(generateSigningKey('2026-01').kid).toBe('2026-01');
    // RFC 8037 appendix A.3's example key and thumbprint.
    expect(keyIdOf('11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo')).toBe('kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k');
  });

  it('reads a signing key from a PKCS#8 PEM or a private JWK, with or without x and kid', async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const fromPem = parseSigningKey(pem);
    const jwk = privateKey.export({ format: 'jwk' });
    expect(fromPem).toEqual({ kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d, kid: keyIdOf(String(jwk.x)), alg: 'EdDSA', use: 'sig' });
    expect(parseSigningKey(JSON.stringify(jwk))).toEqual(fromPem);
    expect(parseSigningKey(JSON.stringify({ kty: 'OKP', crv: 'Ed25519', d: jwk.d, kid: 'k1' }))).toEqual({ ...fromPem, kid: 'k1' });
    // What it signs verifies with its public half.
    await expect(verifyClientToken(await signClientToken(seller, fromPem), parseVerificationKeys(JSON.stringify(verificationKeyOf(fromPem))))).resolves.toEqual(
      seller,
    );
  });

  it('refuses signing keys that are not private Ed25519 keys', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const key = generateSigningKey();
    expect(() => parseSigningKey(rsa)).toThrow(/Ed25519/);
    expect(() => parseSigningKey('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----')).toThrow(/PEM/);
    expect(() => parseSigningKey(JSON.stringify(verificationKeyOf(key)))).toThrow(/private key/);
    expect(() => parseSigningKey(JSON.stringify({ ...key, x: generateSigningKey().x }))).toThrow(/public half/);
    expect(() => parseSigningKey(JSON.stringify({ ...key, crv: 'P-256', kty: 'EC' }))).toThrow(/Ed25519/);
    expect(() => parseSigningKey(JSON.stringify({ ...key, d: 'c2hvcnQ' }))).toThrow(/valid Ed25519/);
    expect(() => parseSigningKey('a-32-character-shared-secret-0000')).toThrow(/JSON/);
  });

  it('reads verification keys as one JWK, a list or a key set, and refuses private keys', () => {
    const a = verificationKeyOf(generateSigningKey());
    const b = verificationKeyOf(generateSigningKey());
    expect(parseVerificationKeys(JSON.stringify(a))).toEqual([a]);
    expect(parseVerificationKeys(JSON.stringify([a, b]))).toEqual([a, b]);
    expect(parseVerificationKeys(JSON.stringify({ keys: [a, b] }))).toEqual([a, b]);
    const { kid: _kid, alg: _alg, use: _use, ...bare } = a;
    expect(parseVerificationKeys(JSON.stringify(bare))).toEqual([a]);
    expect(() => parseVerificationKeys(JSON.stringify(generateSigningKey()))).toThrow(/private key.*must not be able to sign/);
    expect(() => parseVerificationKeys(JSON.stringify([a, generateSigningKey()]))).toThrow(/^key 2 is a private key/);
    expect(() => parseVerificationKeys(JSON.stringify({ ...a, alg: 'HS256' }))).toThrow(/only EdDSA/);
    expect(() => parseVerificationKeys(JSON.stringify({ kty: 'oct', k: 'c2VjcmV0' }))).toThrow(/Ed25519/);
    expect(() => parseVerificationKeys(JSON.stringify({ ...a, x: 'c2hvcnQ' }))).toThrow(/valid Ed25519/);
    expect(() => parseVerificationKeys('[]')).toThrow(/at least one/);
    expect(() => parseVerificationKeys('not json')).toThrow(/JSON/);
  });
});
