import { SignJWT, createLocalJWKSet, errors, importJWK, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { Identity } from './identity';
import { ROLES, Role } from './roles';
import { staffAccessFromClaim } from './permissions';
import { SIGNATURE_ALGORITHM, type KeySet, type SigningKey, type VerificationKey } from './keys';

const ISSUER = 'seller-center';
const CLIENT_AUDIENCE = 'seller-center-gateway';
const INTERNAL_AUDIENCE = 'seller-center-subgraph';

/** Header the gateway sets on every subgraph request: a short-lived signed statement of the caller. */
export const INTERNAL_CONTEXT_HEADER = 'x-sc-internal-context';
/** Header carrying the correlation id from the gateway to subgraphs and into events. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

/**
 * What client tokens may be signed with: EdDSA, under its RFC 8037 name or its fully specified RFC 9864 name
 * (an issuer's JWKS may list its key either way). Never `none`, never an HMAC, never RSA or ECDSA.
 */
export const CLIENT_TOKEN_ALGORITHMS = [SIGNATURE_ALGORITHM, 'Ed25519'];

/** How long an internal context is valid; a subgraph refuses one that claims longer. */
export const INTERNAL_CONTEXT_LIFETIME_SECONDS = 60;

/** What a client token must satisfy beyond its signature (the gateway's AUTH_ISSUER, AUTH_AUDIENCE, AUTH_MAX_TOKEN_LIFETIME). */
export interface ClientTokenPolicy {
  issuer: string;
  audience: string;
  /** The longest accepted `exp − iat`, in seconds (and so the oldest accepted `iat`). */
  maxLifetimeSeconds: number;
}

/** Seller Center's own issuer and audience (what `signClientToken` writes), and tokens of at most 24 h. */
export const DEFAULT_CLIENT_TOKEN_POLICY: ClientTokenPolicy = { issuer: ISSUER, audience: CLIENT_AUDIENCE, maxLifetimeSeconds: 24 * 3600 };

/**
 * Where verification keys come from: a key resolver (a JWKS file or URL, see key-sets.ts, picked by the token's
 * `kid`), a key set document, a list of public keys or one public key.
 */
export type VerificationKeys = JWTVerifyGetKey | KeySet | readonly VerificationKey[] | VerificationKey;

function identityFromClaims(claims: Record<string, unknown>): Identity {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
  const userId = typeof claims.sub === 'string' ? claims.sub : '';
  const sellerId = typeof claims.sellerId === 'string' && claims.sellerId.length > 0 ? claims.sellerId : null;
  if (!userId || roles.length === 0) throw new errors.JWTInvalid('Token lacks a subject or roles');
  return { userId, sellerId, roles };
}

/** The internal context's identity: the client's, plus the staff access the gateway resolved. */
function internalIdentityFromClaims(claims: Record<string, unknown>): Identity {
  const identity = identityFromClaims(claims);
  const access = staffAccessFromClaim(claims.access);
  return access && actsAsStaff(identity) ? { ...identity, access } : identity;
}

const actsAsStaff = (identity: Identity): boolean => identity.sellerId !== null && identity.roles.includes('SELLER_STAFF');

/** Signs a client bearer token (what a login service would issue) for the gateway; the key's `kid` goes in the header. */
export async function signClientToken(identity: Identity, key: SigningKey, expiresIn: string | number = '12h'): Promise<string> {
  return new SignJWT({ sellerId: identity.sellerId, roles: identity.roles })
    .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .setSubject(identity.userId)
    .setIssuer(ISSUER)
    .setAudience(CLIENT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(await privateKeyOf(key));
}

/**
 * Verifies a client bearer token against the issuer's public keys: EdDSA only (no `none`, no HMAC), issuer and
 * audience as the policy says, `exp` and `iat` required, `iat` not in the future, `exp − iat` within the policy's
 * lifetime. Throws a jose error on any failure.
 */
export async function verifyClientToken(token: string, keys: VerificationKeys, policy: ClientTokenPolicy = DEFAULT_CLIENT_TOKEN_POLICY): Promise<Identity> {
  const { payload } = await jwtVerify(token, resolverOf(keys), {
    issuer: policy.issuer,
    audience: policy.audience,
    algorithms: CLIENT_TOKEN_ALGORITHMS,
    requiredClaims: ['exp', 'iat'],
    maxTokenAge: policy.maxLifetimeSeconds,
  });
  assertLifetimeWithin(payload, policy.maxLifetimeSeconds);
  return identityFromClaims(payload);
}

/** Signs the gateway-to-subgraph statement of who is calling, with the gateway's private key; valid for one minute. */
export async function signInternalContext(identity: Identity, key: SigningKey): Promise<string> {
  const access = identity.access && actsAsStaff(identity) ? { owner: identity.access.owner, permissions: identity.access.permissions } : undefined;
  return new SignJWT({ sellerId: identity.sellerId, roles: identity.roles, ...(access ? { access } : {}) })
    .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: key.kid })
    .setSubject(identity.userId)
    .setIssuer(ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${INTERNAL_CONTEXT_LIFETIME_SECONDS}s`)
    .sign(await privateKeyOf(key));
}

/**
 * Verifies the gateway's statement with the gateway's public key(s) — several during a rotation of its key;
 * subgraphs refuse any request without a valid one. EdDSA only, `exp` and `iat` required, at most one minute long.
 */
export async function verifyInternalContext(token: string, keys: VerificationKeys): Promise<Identity> {
  const { payload } = await jwtVerify(token, resolverOf(keys), {
    issuer: ISSUER,
    audience: INTERNAL_AUDIENCE,
    algorithms: [SIGNATURE_ALGORITHM],
    requiredClaims: ['exp', 'iat'],
    maxTokenAge: INTERNAL_CONTEXT_LIFETIME_SECONDS,
  });
  assertLifetimeWithin(payload, INTERNAL_CONTEXT_LIFETIME_SECONDS);
  return internalIdentityFromClaims(payload);
}

function assertLifetimeWithin(payload: JWTPayload, maxSeconds: number): void {
  // jwtVerify has checked that both are numbers (requiredClaims) and that iat is not in the future (maxTokenAge).
  if ((payload.exp as number) - (payload.iat as number) > maxSeconds) {
    throw new errors.JWTClaimValidationFailed(`"exp" is more than ${maxSeconds} s after "iat"`, payload, 'exp', 'check_failed');
  }
}

// Keys are imported once per key object: configuration and test stacks hold them for the process's life.
type ImportedKey = Awaited<ReturnType<typeof importJWK>>;
const privateKeys = new WeakMap<SigningKey, Promise<ImportedKey>>();
const resolvers = new WeakMap<object, JWTVerifyGetKey>();

function privateKeyOf(key: SigningKey): Promise<ImportedKey> {
  if (typeof key?.d !== 'string') return Promise.reject(new TypeError('Signing needs a private Ed25519 key (a JWK with "d")'));
  let imported = privateKeys.get(key);
  if (!imported) {
    imported = importJWK({ kty: key.kty, crv: key.crv, x: key.x, d: key.d }, SIGNATURE_ALGORITHM);
    privateKeys.set(key, imported);
  }
  return imported;
}

/** A key resolver for any form of {@link VerificationKeys}; a set built from plain keys is built once per object. */
function resolverOf(keys: VerificationKeys): JWTVerifyGetKey {
  if (typeof keys === 'function') return keys;
  let resolver = resolvers.get(keys);
  if (!resolver) {
    const list: readonly VerificationKey[] = Array.isArray(keys) ? keys : 'keys' in keys ? (keys as KeySet).keys : [keys as VerificationKey];
    if (list.some((key) => 'd' in key)) throw new TypeError('Verification takes public keys only (JWKs without "d")');
    resolver = createLocalJWKSet({ keys: list.map((key) => ({ ...key })) });
    resolvers.set(keys, resolver);
  }
  return resolver;
}
