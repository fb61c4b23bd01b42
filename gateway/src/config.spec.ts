import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, subgraphEnvName } from './config';

const SECRET_A = 'a'.repeat(32);
const SECRET_B = 'b'.repeat(32);

describe('loadConfig', () => {
  const root = mkdtempSync(join(tmpdir(), 'gw-config-'));
  writeFileSync(join(root, 'supergraph.graphql'), 'schema { query: Query }');
  const valid = { AUTH_JWT_SECRET: SECRET_A, INTERNAL_SIGNING_SECRET: SECRET_B, SUPERGRAPH_PATH: 'supergraph.graphql' };

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
    });
  });

  it('defaults SUPERGRAPH_PATH to schemas/supergraph.graphql under the root', () => {
    expect(problemsOf({ AUTH_JWT_SECRET: SECRET_A, INTERNAL_SIGNING_SECRET: SECRET_B })).toEqual([
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
      AUTH_JWT_SECRET: 'short',
      GATEWAY_PORT: 'eighty',
      MAX_DEPTH: '-1',
      SUBGRAPH_URL_CATALOG: 'not a url',
      SUBGRAPH_TIMEOUT_MS_RETURNS: '0',
      NODE_ENV: 'staging',
      SUPERGRAPH_PATH: 'missing.graphql',
    });
    const keys = problems.map((p) => p.split(':')[0]).sort();
    expect(keys).toEqual(
      [
        'AUTH_JWT_SECRET',
        'GATEWAY_PORT',
        'INTERNAL_SIGNING_SECRET',
        'MAX_DEPTH',
        'NODE_ENV',
        'SUBGRAPH_TIMEOUT_MS_RETURNS',
        'SUBGRAPH_URL_CATALOG',
        'SUPERGRAPH_PATH',
      ].sort(),
    );
    expect(problems.find((p) => p.startsWith('AUTH_JWT_SECRET'))).toContain('at least 32 characters');
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
