import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileKeySet, isKeySetFailure, remoteKeySet } from './key-sets';
import { generateSigningKey, verificationKeyOf, type SigningKey } from './keys';
import { signClientToken, verifyClientToken } from './tokens';

const seller = { userId: 'usr_1', sellerId: 'shp_1', roles: ['SELLER_STAFF' as const] };
const setOf = (...keys: SigningKey[]) => JSON.stringify({ keys: keys.map(verificationKeyOf) });

describe('fileKeySet', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jwks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const newFile = (text: string) => {
    n += 1;
    const file = join(dir, `jwks-${n}.json`);
    writeFileSync(file, text);
    return file;
  };

  it('picks up a rotation without a new verifier: the new key is accepted at once, the removed one refused', async () => {
    const old = generateSigningKey();
    const next = generateSigningKey();
    const file = newFile(setOf(old));
    const keys = fileKeySet(file, { checkIntervalMs: 0 });
    const oldToken = await signClientToken(seller, old);
    const newToken = await signClientToken(seller, next);
    await expect(verifyClientToken(oldToken, keys)).resolves.toEqual(seller);
    await expect(verifyClientToken(newToken, keys)).rejects.toThrow(/no applicable key/);

    // Publish the new key next to the old one: both work (tokens already issued stay valid).
    writeFileSync(file, setOf(old, next));
    await expect(verifyClientToken(newToken, keys)).resolves.toEqual(seller);
    await expect(verifyClientToken(oldToken, keys)).resolves.toEqual(seller);

    // Withdraw the old key (written elsewhere and renamed into place, as a careful rotation does).
    writeFileSync(`${file}.tmp`, setOf(next));
    renameSync(`${file}.tmp`, file);
    await expect(verifyClientToken(oldToken, keys)).rejects.toThrow(/no applicable key/);
    await expect(verifyClientToken(newToken, keys)).resolves.toEqual(seller);
  });

  it('reads the file again at most once per interval', async () => {
    let now = 1_000_000;
    const old = generateSigningKey();
    const next = generateSigningKey();
    const file = newFile(setOf(old));
    const keys = fileKeySet(file, { checkIntervalMs: 1000, now: () => now });
    writeFileSync(file, setOf(next));
    now += 999;
    await expect(verifyClientToken(await signClientToken(seller, next), keys)).rejects.toThrow(/no applicable key/);
    now += 1;
    await expect(verifyClientToken(await signClientToken(seller, next), keys)).resolves.toEqual(seller);
  });

  it('keeps the keys it has while the file is half-written or gone, and says so', async () => {
    const key = generateSigningKey();
    const file = newFile(setOf(key));
    const problems: string[] = [];
    const keys = fileKeySet(file, { checkIntervalMs: 0, onInvalid: (error) => problems.push(error.message) });
    const token = await signClientToken(seller, key);
    writeFileSync(file, setOf(key).slice(0, 20));
    await expect(verifyClientToken(token, keys)).resolves.toEqual(seller);
    rmSync(file);
    await expect(verifyClientToken(token, keys)).resolves.toEqual(seller);
    expect(problems).toEqual([expect.stringMatching(/not valid JSON/), expect.stringMatching(/ENOENT/)]);
    writeFileSync(file, setOf(generateSigningKey()));
    await expect(verifyClientToken(token, keys)).rejects.toThrow(/no applicable key/);
  });

  it('refuses at once a missing file, one that is not a key set, or one holding a private key', () => {
    expect(() => fileKeySet(join(dir, 'missing.json'))).toThrow(/ENOENT/);
    expect(() => fileKeySet(newFile('[]'))).toThrow(/not a JSON Web Key Set/);
    expect(() => fileKeySet(newFile('{"keys": 1}'))).toThrow(/not a JSON Web Key Set/);
    expect(() => fileKeySet(newFile(JSON.stringify({ keys: [generateSigningKey()] })))).toThrow(/private key/);
  });
});

describe('remoteKeySet', () => {
  let server: Server;
  let url: string;
  let served = '';
  let fetches = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches += 1;
      if (served === '') res.writeHead(503).end();
      else res.setHeader('content-type', 'application/json').end(served);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('fetches once, refetches for an unknown kid (after the cooldown), and refuses a withdrawn key once the cache turns over', async () => {
    const old = generateSigningKey();
    const next = generateSigningKey();
    served = setOf(old);
    fetches = 0;
    const keys = remoteKeySet(url, { cooldownMs: 0, cacheMaxAgeMs: 300 });
    const oldToken = await signClientToken(seller, old);
    await expect(verifyClientToken(oldToken, keys)).resolves.toEqual(seller);
    await expect(verifyClientToken(oldToken, keys)).resolves.toEqual(seller);
    expect(fetches).toBe(1);

    // The issuer rotates: a token under the new kid makes the set be fetched again, and it is accepted.
    served = setOf(next);
    await expect(verifyClientToken(await signClientToken(seller, next), keys)).resolves.toEqual(seller);
    expect(fetches).toBe(2);
    await expect(verifyClientToken(oldToken, keys)).rejects.toThrow(/no applicable key/);
  });

  it('does not refetch for unknown kids during the cooldown', async () => {
    const key = generateSigningKey();
    served = setOf(key);
    fetches = 0;
    const keys = remoteKeySet(url, { cooldownMs: 60_000 });
    await verifyClientToken(await signClientToken(seller, key), keys);
    for (let i = 0; i < 5; i += 1)
      await expect(verifyClientToken(await signClientToken(seller, generateSigningKey()), keys)).rejects.toThrow(/no applicable key/);
    expect(fetches).toBe(1);
  });

  it('keeps verifying with the set fetched last while the endpoint fails, until that set is maxStaleMs old', async () => {
    const key = generateSigningKey();
    served = setOf(key);
    let now = 1_000_000;
    const stale: unknown[] = [];
    const keys = remoteKeySet(url, { cooldownMs: 0, cacheMaxAgeMs: 1, maxStaleMs: 60_000, now: () => now, onStale: (e) => stale.push(e) });
    const token = await signClientToken(seller, key);
    await expect(verifyClientToken(token, keys)).resolves.toEqual(seller);

    // The endpoint goes down and the cached set is past its max age, so every verification tries to refetch.
    served = '';
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(verifyClientToken(token, keys)).resolves.toEqual(seller);
    expect(stale).toHaveLength(1);
    // A kid the last set does not hold is still refused (the fallback never widens what is accepted), and the
    // failure is reported as the endpoint's, since the kid may have been published during the outage.
    const unknown = await verifyClientToken(await signClientToken(seller, generateSigningKey()), keys).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(Error);
    expect(isKeySetFailure(unknown)).toBe(true);
    expect(stale).toHaveLength(1);

    now += 60_001;
    await expect(verifyClientToken(token, keys)).rejects.toThrow();
  });

  it('with maxStaleMs 0 refuses as soon as the endpoint fails', async () => {
    const key = generateSigningKey();
    served = setOf(key);
    const keys = remoteKeySet(url, { cooldownMs: 0, cacheMaxAgeMs: 1, maxStaleMs: 0 });
    const token = await signClientToken(seller, key);
    await expect(verifyClientToken(token, keys)).resolves.toEqual(seller);
    served = '';
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(verifyClientToken(token, keys)).rejects.toThrow();
  });
});
