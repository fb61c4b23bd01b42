import { NO_ACCESS, OWNER_ACCESS, generateSigningKey, verificationKeyOf, verifyInternalContext, type Identity } from '@sc/auth';
import { InternalContextSigner } from './internal-context-signer';

const KEY = generateSigningKey();
const PUBLIC = [verificationKeyOf(KEY)];
const seller: Identity = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF'] };
const buyer: Identity = { userId: 'usr_2', sellerId: null, roles: ['BUYER'] };

describe('InternalContextSigner', () => {
  it('signs a token the subgraphs accept', async () => {
    const token = await new InternalContextSigner(KEY).tokenFor(seller);
    await expect(verifyInternalContext(token, PUBLIC)).resolves.toEqual(seller);
  });

  it('reuses the signature for the same identity for ~30 s, then signs afresh', async () => {
    let now = 1_000_000;
    const signer = new InternalContextSigner(KEY, () => now);
    const first = await signer.tokenFor(seller);
    now += 29_000;
    expect(await signer.tokenFor({ ...seller })).toBe(first);
    expect(await signer.tokenFor(buyer)).not.toBe(first);
    now += 2_000;
    // Signatures made within the same second can be byte-identical; what matters is a new signing.
    const fresh = signer.tokenFor(seller);
    expect(fresh).not.toBe(signer.tokenFor(buyer));
    await expect(verifyInternalContext(await fresh, PUBLIC)).resolves.toEqual(seller);
  });

  it('signs afresh when the staff access resolved for the caller changes, and carries it to the subgraphs', async () => {
    const signer = new InternalContextSigner(KEY);
    const owner = await signer.tokenFor({ ...seller, access: OWNER_ACCESS });
    const member = await signer.tokenFor({ ...seller, access: { owner: false, permissions: ['ORDERS:VIEW'] } });
    const none = await signer.tokenFor({ ...seller, access: NO_ACCESS });
    const bare = await signer.tokenFor(seller);
    expect(new Set([owner, member, none, bare]).size).toBe(4);
    expect(await signer.tokenFor({ ...seller, access: { owner: false, permissions: ['ORDERS:VIEW'] } })).toBe(member);
    await expect(verifyInternalContext(member, PUBLIC)).resolves.toEqual({ ...seller, access: { owner: false, permissions: ['ORDERS:VIEW'] } });
    await expect(verifyInternalContext(none, PUBLIC)).resolves.toEqual({ ...seller, access: NO_ACCESS });
    await expect(verifyInternalContext(bare, PUBLIC)).resolves.toEqual(seller);
  });
});
