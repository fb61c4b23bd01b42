import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The one signature algorithm of client tokens and internal contexts: EdDSA over Ed25519 (RFC 8037). */
export const SIGNATURE_ALGORITHM = 'EdDSA';

/** A public Ed25519 key as a JWK: verifies tokens, cannot sign. `kid` names it in a key set. */
export interface VerificationKey {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: typeof SIGNATURE_ALGORITHM;
  use: 'sig';
}

/** A private Ed25519 key as a JWK (`d` is the private part): signs tokens whose header names its `kid`. */
export interface SigningKey extends VerificationKey {
  d: string;
}

/** A JSON Web Key Set document (RFC 7517 §5), as served by an issuer's `jwks_uri` or kept in a file. */
export interface KeySet {
  keys: VerificationKey[];
}

/** A new Ed25519 key pair's private half (its public half is {@link verificationKeyOf}), with its thumbprint as `kid`. */
export function generateSigningKey(kid?: string): SigningKey {
  return signingKeyOf(generateKeyPairSync('ed25519').privateKey, kid);
}

/** The public half of a signing key: what verifiers hold. */
export function verificationKeyOf(key: SigningKey): VerificationKey {
  return { kty: key.kty, crv: key.crv, x: key.x, kid: key.kid, alg: key.alg, use: key.use };
}

/** The RFC 7638 thumbprint of an Ed25519 public key (base64url SHA-256 of its canonical JWK), the default `kid`. */
export function keyIdOf(x: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x }))
    .digest('base64url');
}

/**
 * Reads a signing key from configuration: a PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`) or a private JWK (JSON).
 * Only Ed25519; a JWK's `kid` is kept, otherwise the key's thumbprint names it. Throws naming what is wrong.
 */
export function parseSigningKey(text: string): SigningKey {
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: trimmed, format: 'pem' });
    } catch {
      throw new Error('is not a readable PKCS#8 PEM private key');
    }
    return signingKeyOf(key);
  }
  const jwk = parseJson(trimmed);
  if (!isRecord(jwk)) throw new Error('must be a PKCS#8 PEM or a private JWK (a JSON object)');
  if (typeof jwk.d !== 'string') throw new Error('must be a private key (a JWK with "d")');
  const key = importJwk(jwk, 'private');
  const derived = signingKeyOf(key, typeof jwk.kid === 'string' && jwk.kid.length > 0 ? jwk.kid : undefined);
  if (typeof jwk.x === 'string' && jwk.x !== derived.x) throw new Error('has an "x" that is not the public half of its "d"');
  return derived;
}

/**
 * Reads verification keys from configuration: one public JWK, an array of them, or a key set (`{"keys": […]}`),
 * as JSON. Only public Ed25519 keys: a private key is refused, so that whoever only verifies cannot sign.
 */
export function parseVerificationKeys(text: string): VerificationKey[] {
  const parsed = parseJson(text.trim());
  const list: unknown[] = Array.isArray(parsed) ? parsed : isRecord(parsed) && Array.isArray(parsed.keys) ? parsed.keys : [parsed];
  if (list.length === 0) throw new Error('must name at least one public key');
  return list.map((jwk, index) => {
    const where = list.length > 1 ? `key ${index + 1} ` : '';
    if (!isRecord(jwk)) throw new Error(`${where}must be a JWK (a JSON object)`);
    if ('d' in jwk) throw new Error(`${where}is a private key: give only the public half (a JWK without "d"), verifiers must not be able to sign`);
    try {
      return verificationKeyFromPublic(importJwk(jwk, 'public'), typeof jwk.kid === 'string' && jwk.kid.length > 0 ? jwk.kid : undefined);
    } catch (error) {
      throw new Error(`${where}${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

function signingKeyOf(privateKey: KeyObject, kid?: string): SigningKey {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`must be an Ed25519 key, not ${privateKey.asymmetricKeyType ?? 'a secret'}`);
  const { d } = privateKey.export({ format: 'jwk' });
  return { ...verificationKeyFromPublic(createPublicKey(privateKey), kid), d: String(d) };
}

function verificationKeyFromPublic(publicKey: KeyObject, kid?: string): VerificationKey {
  if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`must be an Ed25519 key, not ${publicKey.asymmetricKeyType ?? 'a secret'}`);
  const x = String(publicKey.export({ format: 'jwk' }).x);
  return { kty: 'OKP', crv: 'Ed25519', x, kid: kid ?? keyIdOf(x), alg: SIGNATURE_ALGORITHM, use: 'sig' };
}

function importJwk(jwk: Record<string, unknown>, type: 'private' | 'public'): KeyObject {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') throw new Error('must be an Ed25519 key ("kty": "OKP", "crv": "Ed25519")');
  if (jwk.alg !== undefined && jwk.alg !== SIGNATURE_ALGORITHM && jwk.alg !== 'Ed25519')
    throw new Error(`has "alg" ${String(jwk.alg)}; only EdDSA is accepted`);
  if (jwk.use !== undefined && jwk.use !== 'sig') throw new Error('has a "use" other than "sig"');
  try {
    if (type === 'public') {
      if (Buffer.from(String(jwk.x), 'base64url').length !== 32) throw new Error('bad length');
      return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: String(jwk.x) }, format: 'jwk' });
    }
    // From the 32-byte seed "d" alone (wrapped as PKCS#8, RFC 8410); "x", when given, is compared by the caller.
    const seed = Buffer.from(String(jwk.d), 'base64url');
    if (seed.length !== 32) throw new Error('bad length');
    return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('is not a valid Ed25519 JWK');
  }
}

/** The DER prefix of a PKCS#8 Ed25519 private key, followed by the 32-byte seed (RFC 8410). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('is not valid JSON');
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
