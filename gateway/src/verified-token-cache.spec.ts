import { generateSigningKey, signClientToken, verificationKeyOf, verifyClientToken, type Identity } from '@sc/auth';
import { VerifiedTokenCache } from './verified-token-cache';

const KEY = generateSigningKey();
const KEYS = [verificationKeyOf(KEY)];
const seller: Identity = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF'] };

describe('VerifiedTokenCache', () => {
  it('verifies a token once and reuses the identity for a minute', async () => {
    let now = Date.now();
    const verify = jest.fn((token: string) => verifyClientToken(token, KEYS));
    const cache = new VerifiedTokenCache(verify, () => now);
    const token = await signClientToken(seller, KEY);
    await expect(cache.identityOf(token)).resolves.toEqual(seller);
    now += 59_000;
    await expect(cache.identityOf(token)).resolves.toEqual(seller);
    expect(verify).toHaveBeenCalledTimes(1);
    now += 2_000;
    await cache.identityOf(token);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('never trusts a token past its own expiry', async () => {
    let now = Date.now();
    const verify = jest.fn(async () => seller);
    const cache = new VerifiedTokenCache(verify, () => now);
    const token = await signClientToken(seller, KEY, '10s');
    await cache.identityOf(token);
    now += 11_000;
    await cache.identityOf(token);
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it('does not remember failures', async () => {
    const verify = jest.fn((token: string) => verifyClientToken(token, KEYS));
    const cache = new VerifiedTokenCache(verify);
    const forged = await signClientToken(seller, generateSigningKey());
    await expect(cache.identityOf(forged)).rejects.toThrow();
    await expect(cache.identityOf(forged)).rejects.toThrow();
    expect(verify).toHaveBeenCalledTimes(2);
  });
});
