import { generateSigningKey, verificationKeyOf } from '@sc/auth';
import { loadServiceConfig } from './service-config';

describe('loadServiceConfig', () => {
  const env = { PORT: '4101', DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/sc_catalog', KAFKA_BROKERS: '127.0.0.1:19092' };
  const current = verificationKeyOf(generateSigningKey());
  const next = verificationKeyOf(generateSigningKey());

  it("reads the gateway's public key, or several while the gateway's key rotates", () => {
    expect(loadServiceConfig('catalog', { ...env, INTERNAL_VERIFY_KEYS: JSON.stringify(current) }).internalVerifyKeys).toEqual([current]);
    expect(loadServiceConfig('catalog', { ...env, INTERNAL_VERIFY_KEYS: JSON.stringify([current, next]) }).internalVerifyKeys).toEqual([current, next]);
    expect(loadServiceConfig('catalog', { ...env, INTERNAL_VERIFY_KEYS: JSON.stringify({ keys: [next] }) }).internalVerifyKeys).toEqual([next]);
  });

  it('refuses to start without it, with a private key (a subgraph must not be able to sign), or with a shared secret', () => {
    expect(() => loadServiceConfig('catalog', env)).toThrow(/INTERNAL_VERIFY_KEYS: is required/);
    expect(() => loadServiceConfig('catalog', { ...env, INTERNAL_VERIFY_KEYS: JSON.stringify(generateSigningKey()) })).toThrow(
      /INTERNAL_VERIFY_KEYS: is a private key/,
    );
    expect(() => loadServiceConfig('catalog', { ...env, INTERNAL_VERIFY_KEYS: 'a-shared-secret-of-at-least-32-characters' })).toThrow(
      /INTERNAL_VERIFY_KEYS: is not valid JSON/,
    );
  });

  it('refuses to expose SQL statement counts in production, and allows them elsewhere', () => {
    const keys = { INTERNAL_VERIFY_KEYS: JSON.stringify(current), EXPOSE_SQL_STATEMENT_COUNT: 'true' };
    expect(() => loadServiceConfig('orders', { ...env, ...keys, NODE_ENV: 'production' })).toThrow(
      /EXPOSE_SQL_STATEMENT_COUNT: must not be true when NODE_ENV=production/,
    );
    expect(loadServiceConfig('orders', { ...env, ...keys, NODE_ENV: 'test' }).exposeSqlStatementCount).toBe(true);
    expect(loadServiceConfig('orders', { ...env, INTERNAL_VERIFY_KEYS: JSON.stringify(current), NODE_ENV: 'production' }).exposeSqlStatementCount).toBe(false);
  });
});
