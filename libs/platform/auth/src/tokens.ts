import { SignJWT, jwtVerify } from 'jose';
import { Identity } from './identity';
import { ROLES, Role } from './roles';
import { staffAccessFromClaim } from './permissions';

const ISSUER = 'seller-center';
const CLIENT_AUDIENCE = 'seller-center-gateway';
const INTERNAL_AUDIENCE = 'seller-center-subgraph';

/** Header the gateway sets on every subgraph request: a short-lived signed statement of the caller. */
export const INTERNAL_CONTEXT_HEADER = 'x-sc-internal-context';
/** Header carrying the correlation id from the gateway to subgraphs and into events. */
export const CORRELATION_ID_HEADER = 'x-correlation-id';

const keyOf = (secret: string): Uint8Array => {
  if (secret.length < 32) throw new Error('Signing secrets must be at least 32 characters');
  return new TextEncoder().encode(secret);
};

function identityFromClaims(claims: Record<string, unknown>): Identity {
  const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is Role => ROLES.includes(r as Role)) : [];
  const userId = typeof claims.sub === 'string' ? claims.sub : '';
  const sellerId = typeof claims.sellerId === 'string' && claims.sellerId.length > 0 ? claims.sellerId : null;
  if (!userId || roles.length === 0) throw new Error('Token lacks a subject or roles');
  return { userId, sellerId, roles };
}

/** The internal context's identity: the client's, plus the staff access the gateway resolved. */
function internalIdentityFromClaims(claims: Record<string, unknown>): Identity {
  const identity = identityFromClaims(claims);
  const access = staffAccessFromClaim(claims.access);
  return access && actsAsStaff(identity) ? { ...identity, access } : identity;
}

const actsAsStaff = (identity: Identity): boolean => identity.sellerId !== null && identity.roles.includes('SELLER_STAFF');

/** Signs a client bearer token (what a login service would issue) for the gateway. */
export async function signClientToken(identity: Identity, secret: string, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ sellerId: identity.sellerId, roles: identity.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.userId)
    .setIssuer(ISSUER)
    .setAudience(CLIENT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(keyOf(secret));
}

/** Verifies a client bearer token; throws on a bad signature, expiry or missing claims. */
export async function verifyClientToken(token: string, secret: string): Promise<Identity> {
  const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: CLIENT_AUDIENCE, algorithms: ['HS256'] });
  return identityFromClaims(payload);
}

/** Signs the gateway-to-subgraph statement of who is calling; valid for one minute. */
export async function signInternalContext(identity: Identity, secret: string): Promise<string> {
  const access = identity.access && actsAsStaff(identity) ? { owner: identity.access.owner, permissions: identity.access.permissions } : undefined;
  return new SignJWT({ sellerId: identity.sellerId, roles: identity.roles, ...(access ? { access } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(identity.userId)
    .setIssuer(ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(keyOf(secret));
}

/** Verifies the gateway's statement; subgraphs refuse any request without a valid one. */
export async function verifyInternalContext(token: string, secret: string): Promise<Identity> {
  const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, audience: INTERNAL_AUDIENCE, algorithms: ['HS256'] });
  return internalIdentityFromClaims(payload);
}
