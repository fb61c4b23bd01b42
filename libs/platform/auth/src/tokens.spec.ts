import { SignJWT } from 'jose';
import { signClientToken, signInternalContext, verifyClientToken, verifyInternalContext } from './tokens';

describe('tokens', () => {
  const secret = 'a-test-secret-that-is-long-enough-000';
  const seller = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF' as const] };

  it('round-trips a client token and an internal context', async () => {
    expect(await verifyClientToken(await signClientToken(seller, secret), secret)).toEqual(seller);
    expect(await verifyInternalContext(await signInternalContext(seller, secret), secret)).toEqual(seller);
  });

  it("carries a staff member's resolved access in the internal context only, never in a client token", async () => {
    const staff = { ...seller, access: { owner: false, permissions: ['ORDERS:VIEW' as const] } };
    expect(await verifyInternalContext(await signInternalContext(staff, secret), secret)).toEqual(staff);
    expect(await verifyClientToken(await signClientToken(staff, secret), secret)).toEqual(seller);
    // A buyer never carries staff access, whatever the caller passed.
    const buyer = { userId: 'byr_1', sellerId: null, roles: ['BUYER' as const], access: { owner: true, permissions: [] } };
    expect(await verifyInternalContext(await signInternalContext(buyer, secret), secret)).toEqual({ userId: 'byr_1', sellerId: null, roles: ['BUYER'] });
  });

  it('refuses a token signed with another secret', async () => {
    await expect(verifyClientToken(await signClientToken(seller, `${secret}x`), secret)).rejects.toThrow();
  });

  it('does not accept a client token as an internal context, or the reverse', async () => {
    await expect(verifyInternalContext(await signClientToken(seller, secret), secret)).rejects.toThrow();
    await expect(verifyClientToken(await signInternalContext(seller, secret), secret)).rejects.toThrow();
  });

  it('refuses an expired token', async () => {
    const expired = await signClientToken(seller, secret, '-1m');
    await expect(verifyClientToken(expired, secret)).rejects.toThrow();
  });

  it('refuses tokens without roles or with unknown roles only', async () => {
    const token = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('usr_1')
      .setIssuer('seller-center')
      .setAudience('seller-center-gateway')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    await expect(verifyClientToken(token, secret)).rejects.toThrow(/roles/);
  });

  it('refuses short secrets', async () => {
    await expect(signClientToken(seller, 'short')).rejects.toThrow(/32/);
  });
});
