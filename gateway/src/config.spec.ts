import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { generateSigningKey, verificationKeyOf } from '@sc/auth';
import { ConfigError, loadConfig, subgraphEnvName } from './config';

const INTERNAL_KEY = generateSigningKey();
const CLIENT_KEY = generateSigningKey();

describe('loadConfig', () => {
  const root = mkdtempSync(join(tmpdir(), 'gw-config-'));
  writeFileSync(join(root, 'supergraph.graphql'), 'schema { query: Query }');
  writeFileSync(join(root, 'jwks.json'), JSON.stringify({ keys: [verificationKeyOf(CLIENT_KEY)] }));
  const auth = { AUTH_JWKS_FILE: 'jwks.json', INTERNAL_SIGNING_KEY: JSON.stringify(INTERNAL_KEY) };
  const valid = { ...auth, SUPERGRAPH_PATH: 'supergraph.graphql' };

  const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
    try {
      loadConfig(env, root);
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    throw new Error('expected a ConfigError');
  };

  it('applies the defaults and resolves SUPERGRAPH_PATH against the repository root', () => {
    const config = loadConfig(valid, root);
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 4000,
      supergraphPath: join(root, 'supergraph.graphql'),
      subgraphTimeoutMs: 5000,
      subgraphUrls: {},
      limits: { maxDepth: 12, maxCost: 5000, maxAliases: 30 },
      bodyLimitBytes: 1024 * 1024,
      nodeEnv: 'development',
      exposeQueryCosts: false,
      subgraphDedupe: true,
      clientTokens: {
        jwks: { file: join(root, 'jwks.json'), checkIntervalMs: 1000 },
        issuer: 'seller-center',
        audience: 'seller-center-gateway',
        maxLifetimeSeconds: 24 * 3600,
      },
      internalSigningKey: INTERNAL_KEY,
    });
  });

  it('verifies client tokens against a JWKS URL or file (exactly one), with a configurable issuer, audience and lifetime', () => {
    const withUrl = loadConfig(
      {
        ...valid,
        AUTH_JWKS_FILE: '',
        AUTH_JWKS_URL: 'https://login.example/.well-known/jwks.json',
        AUTH_JWKS_CACHE_MAX_AGE_MS: '60000',
        AUTH_JWKS_COOLDOWN_MS: '0',
        AUTH_ISSUER: 'https://login.example/',
        AUTH_AUDIENCE: 'seller-center',
        AUTH_MAX_TOKEN_LIFETIME: '1h',
      },
      root,
    );
    expect(withUrl.clientTokens).toEqual({
      jwks: { url: 'https://login.example/.well-known/jwks.json', cacheMaxAgeMs: 60_000, cooldownMs: 0, timeoutMs: 5000, maxStaleMs: 21_600_000 },
      issuer: 'https://login.example/',
      audience: 'seller-center',
      maxLifetimeSeconds: 3600,
    });
    for (const [text, seconds] of [
      ['900', 900],
      ['30m', 1800],
      ['12h', 43_200],
      ['7d', 604_800],
    ] as const) {
      expect(loadConfig({ ...valid, AUTH_MAX_TOKEN_LIFETIME: text }, root).clientTokens.maxLifetimeSeconds).toBe(seconds);
    }
    expect(problemsOf({ ...valid, AUTH_MAX_TOKEN_LIFETIME: 'forever' })).toEqual([
      expect.stringMatching(/^AUTH_MAX_TOKEN_LIFETIME: must be a positive duration/),
    ]);
    expect(problemsOf({ ...valid, AUTH_MAX_TOKEN_LIFETIME: '0' })).toEqual([expect.stringMatching(/^AUTH_MAX_TOKEN_LIFETIME/)]);
    expect(problemsOf({ ...valid, AUTH_JWKS_URL: 'https://login.example/jwks' })).toEqual([
      'AUTH_JWKS_URL: set either AUTH_JWKS_URL or AUTH_JWKS_FILE, not both',
    ]);
    expect(problemsOf({ ...valid, AUTH_JWKS_FILE: 'missing.json' })).toEqual([`AUTH_JWKS_FILE: file not found: ${join(root, 'missing.json')}`]);
    expect(problemsOf({ INTERNAL_SIGNING_KEY: auth.INTERNAL_SIGNING_KEY, SUPERGRAPH_PATH: 'supergraph.graphql' })).toEqual([
      expect.stringMatching(/^AUTH_JWKS_URL: is required \(or AUTH_JWKS_FILE\)/),
    ]);
    // Keys are fetched over TLS in production.
    const production = { ...valid, AUTH_JWKS_FILE: '', NODE_ENV: 'production' };
    expect(problemsOf({ ...production, AUTH_JWKS_URL: 'http://login.example/jwks' })).toEqual(['AUTH_JWKS_URL: must be an https URL in production']);
    expect(loadConfig({ ...production, AUTH_JWKS_URL: 'https://login.example/jwks' }, root).clientTokens.jwks).toMatchObject({
      url: 'https://login.example/jwks',
    });
  });

  it("reads the gateway's internal signing key as a private JWK or a PKCS#8 PEM, Ed25519 only", () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(loadConfig({ ...valid, INTERNAL_SIGNING_KEY: pem }, root).internalSigningKey).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      d: privateKey.export({ format: 'jwk' }).d,
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    expect(problemsOf({ ...valid, INTERNAL_SIGNING_KEY: rsa })).toEqual(['INTERNAL_SIGNING_KEY: must be an Ed25519 key, not rsa']);
    expect(problemsOf({ ...valid, INTERNAL_SIGNING_KEY: JSON.stringify(verificationKeyOf(INTERNAL_KEY)) })).toEqual([
      'INTERNAL_SIGNING_KEY: must be a private key (a JWK with "d")',
    ]);
    expect(problemsOf({ ...valid, INTERNAL_SIGNING_KEY: 'a-shared-secret-of-32-characters-000' })).toEqual(['INTERNAL_SIGNING_KEY: is not valid JSON']);
  });

  it('defaults SUPERGRAPH_PATH to schemas/supergraph.graphql under the root', () => {
    expect(problemsOf({ ...auth, AUTH_JWKS_FILE: join(root, 'jwks.json') })).toEqual([
      `SUPERGRAPH_PATH: file not found: ${join(root, 'schemas/supergraph.graphql')} (compose it first)`,
    ]);
  });

  it('reads per-subgraph URL and timeout overrides', () => {
    const config = loadConfig({ ...valid, SUBGRAPH_URL_ORDERS: 'http://127.0.0.1:4102/graphql', SUBGRAPH_TIMEOUT_MS_ORDERS: '800', GATEWAY_PORT: '0' }, root);
    expect(config.subgraphUrls).toEqual({ ORDERS: 'http://127.0.0.1:4102/graphql' });
    expect(config.subgraphTimeoutsMs).toEqual({ ORDERS: 800 });
    expect(config.port).toBe(0);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      AUTH_JWKS_FILE: 'jwks.json',
      GATEWAY_PORT: 'eighty',
      MAX_DEPTH: '-1',
      SUBGRAPH_URL_CATALOG: 'not a url',
      SUBGRAPH_TIMEOUT_MS_RETURNS: '0',
      NODE_ENV: 'staging',
      SUPERGRAPH_PATH: 'missing.graphql',
    });
    const keys = problems.map((p) => p.split(':')[0]).sort();
    expect(keys).toEqual(
      ['GATEWAY_PORT', 'INTERNAL_SIGNING_KEY', 'MAX_DEPTH', 'NODE_ENV', 'SUBGRAPH_TIMEOUT_MS_RETURNS', 'SUBGRAPH_URL_CATALOG', 'SUPERGRAPH_PATH'].sort(),
    );
    expect(problems.find((p) => p.startsWith('INTERNAL_SIGNING_KEY'))).toContain('is required');
  });

  it('exposes query costs only when EXPOSE_QUERY_COSTS=true is set explicitly, in production too (benchmarks)', () => {
    expect(loadConfig({ ...valid, NODE_ENV: 'production' }, root).exposeQueryCosts).toBe(false);
    expect(loadConfig({ ...valid, NODE_ENV: 'production', EXPOSE_QUERY_COSTS: 'true' }, root).exposeQueryCosts).toBe(true);
    expect(problemsOf({ ...valid, EXPOSE_QUERY_COSTS: 'yes' })).toEqual([expect.stringContaining('EXPOSE_QUERY_COSTS')]);
  });

  it('shares identical in-flight subgraph queries unless SUBGRAPH_DEDUPE=false', () => {
    expect(loadConfig({ ...valid, SUBGRAPH_DEDUPE: 'false' }, root).subgraphDedupe).toBe(false);
    expect(loadConfig({ ...valid, SUBGRAPH_DEDUPE: 'true' }, root).subgraphDedupe).toBe(true);
    expect(loadConfig({ ...valid, SUBGRAPH_DEDUPE: '' }, root).subgraphDedupe).toBe(true);
    expect(problemsOf({ ...valid, SUBGRAPH_DEDUPE: 'no' })).toEqual([expect.stringContaining('SUBGRAPH_DEDUPE')]);
  });

  it('resolves staff access with a 2 s TTL by default; the TTL is bounded so a deactivation applies within 5 s', () => {
    expect(loadConfig(valid, root).staffAccess).toEqual({ ttlMs: 2000, timeoutMs: 2000, cacheSize: 10_000, maxConcurrentLookups: 32 });
    expect(
      loadConfig(
        {
          ...valid,
          STAFF_ACCESS_URL: 'http://127.0.0.1:4101/internal/staff-access',
          STAFF_ACCESS_TTL_MS: '0',
          STAFF_ACCESS_TIMEOUT_MS: '500',
          STAFF_ACCESS_CACHE_SIZE: '100',
          STAFF_ACCESS_MAX_LOOKUPS: '4',
        },
        root,
      ).staffAccess,
    ).toEqual({ url: 'http://127.0.0.1:4101/internal/staff-access', ttlMs: 0, timeoutMs: 500, cacheSize: 100, maxConcurrentLookups: 4 });
    expect(problemsOf({ ...valid, STAFF_ACCESS_TTL_MS: '60000' })).toEqual([expect.stringMatching(/^STAFF_ACCESS_TTL_MS: must be at most 4000/)]);
    expect(problemsOf({ ...valid, STAFF_ACCESS_URL: 'catalog', STAFF_ACCESS_MAX_LOOKUPS: '0' }).map((p) => p.split(':')[0])).toEqual([
      'STAFF_ACCESS_URL',
      'STAFF_ACCESS_MAX_LOOKUPS',
    ]);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ ...valid, GATEWAY_HOST: '', SUBGRAPH_URL_CATALOG: '' }, root).host).toBe('127.0.0.1');
  });

  it('maps supergraph subgraph names to env names', () => {
    expect(subgraphEnvName('catalog')).toBe('CATALOG');
    expect(subgraphEnvName('order-history')).toBe('ORDER_HISTORY');
  });
});
