import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_CLIENT_TOKEN_POLICY, DEFAULT_JWKS_MAX_STALE_MS, parseSigningKey, type SigningKey } from '@sc/auth';
import { findRepoRoot } from './repo-root';

/** The subgraphs whose URL and timeout can be overridden from the environment (SUBGRAPH_URL_<NAME>). */
export const SUBGRAPH_NAMES = ['CATALOG', 'ORDERS', 'RETURNS', 'MARKETING', 'CREATORS'] as const;
export type SubgraphEnvName = (typeof SUBGRAPH_NAMES)[number];

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphPath: string;
  /** How client bearer tokens are verified: whose keys, which issuer and audience, how long a token may live. */
  clientTokens: ClientTokenConfig;
  /** The gateway's own Ed25519 private key: signs `x-sc-internal-context`; subgraphs hold only its public half. */
  internalSigningKey: SigningKey;
  /** Overrides of the `@join__graph(url:)` URLs, keyed by upper-case subgraph name. */
  subgraphUrls: Partial<Record<SubgraphEnvName, string>>;
  subgraphTimeoutMs: number;
  /** Per-subgraph timeouts, keyed by upper-case subgraph name; others use subgraphTimeoutMs. */
  subgraphTimeoutsMs: Partial<Record<SubgraphEnvName, number>>;
  limits: QueryLimits;
  /** Largest accepted JSON request body, in bytes. */
  bodyLimitBytes: number;
  nodeEnv: 'development' | 'production' | 'test';
  /** Adds `extensions.queryCosts` (subgraph fetches, SQL statements) to responses; for benchmarks and tests only. */
  exposeQueryCosts: boolean;
  /** Identical subgraph queries in flight at the same time share one fetch (SUBGRAPH_DEDUPE, on by default). */
  subgraphDedupe: boolean;
  /** How each staff member's access is resolved from catalog for their requests (see staff-access.ts). */
  staffAccess: StaffAccessConfig;
  /** Writes in flight and waiting (see admission.ts). */
  admission: { maxInFlight: number; maxQueued: number; maxWaitMs: number };
  /** Per-caller cost budgets (see cost-buckets.ts); null when RATE_LIMIT_ENABLED=false. */
  rateLimit: { capacity: number; restorePerSecond: number; maxEntries: number } | null;
}

export interface ClientTokenConfig {
  /** The token issuer's public keys: a JWKS URL (fetched, cached) or a JWKS file (re-read when it changes). */
  jwks: JwksUrlSource | JwksFileSource;
  issuer: string;
  audience: string;
  /** The longest accepted `exp − iat` of a client token, in seconds. */
  maxLifetimeSeconds: number;
}

export interface JwksUrlSource {
  url: string;
  /** How long a fetched key set is used before it is fetched again. */
  cacheMaxAgeMs: number;
  /** An unknown `kid` refetches the set, but not sooner than this after the last fetch. */
  cooldownMs: number;
  timeoutMs: number;
  /** While the URL cannot be fetched, the set fetched last is used until it is this old (0: never). */
  maxStaleMs: number;
}

export interface JwksFileSource {
  file: string;
  /** How often, at most, the file is read again to see whether it changed. */
  checkIntervalMs: number;
}

/** How often a JWKS file is checked for changes. */
export const JWKS_FILE_CHECK_INTERVAL_MS = 1000;

export interface StaffAccessConfig {
  /** Catalog's `POST /internal/staff-access`; by default next to catalog's GraphQL URL. */
  url?: string;
  /** How long a found access (owner, active member) is reused; NONE is never cached. */
  ttlMs: number;
  /** Budget of one lookup (waiting for a slot included); past it the request proceeds with no access. */
  timeoutMs: number;
  /** Members cached at most (LRU). */
  cacheSize: number;
  /** Lookups in flight to catalog at most. */
  maxConcurrentLookups: number;
}

/** The longest STAFF_ACCESS_TTL_MS: a deactivation must apply within 5 s, lookup time included. */
export const MAX_STAFF_ACCESS_TTL_MS = 4000;

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
}

/** Raised when the environment is invalid; the message lists every problem, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid gateway configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const signingKey = z.string({ error: "is required (the gateway's Ed25519 private key: a PKCS#8 PEM or a private JWK)" }).transform((text, ctx) => {
  try {
    return parseSigningKey(text);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
    return z.NEVER;
  }
});
/** A duration: whole seconds ("86400") or a number with a unit s, m, h or d ("24h", "30m"). */
const duration = z.string().transform((text, ctx) => {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    ctx.addIssue({ code: 'custom', message: 'must be a positive duration: seconds, or a number with s, m, h or d ("24h")' });
    return z.NEVER;
  }
  return seconds;
});
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const BaseEnvSchema = z.object({
  GATEWAY_HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  SUPERGRAPH_PATH: z.string().min(1).default('schemas/supergraph.graphql'),
  // Client tokens: the issuer's keys from exactly one of AUTH_JWKS_URL and AUTH_JWKS_FILE (checked below).
  AUTH_JWKS_URL: httpUrl.optional(),
  AUTH_JWKS_FILE: z.string().min(1).optional(),
  AUTH_JWKS_CACHE_MAX_AGE_MS: positiveInt(600_000),
  AUTH_JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000),
  AUTH_JWKS_TIMEOUT_MS: positiveInt(5000),
  AUTH_JWKS_MAX_STALE_MS: z.coerce.number().int().min(0).default(DEFAULT_JWKS_MAX_STALE_MS),
  AUTH_ISSUER: z.string().min(1).default(DEFAULT_CLIENT_TOKEN_POLICY.issuer),
  AUTH_AUDIENCE: z.string().min(1).default(DEFAULT_CLIENT_TOKEN_POLICY.audience),
  AUTH_MAX_TOKEN_LIFETIME: duration.default(DEFAULT_CLIENT_TOKEN_POLICY.maxLifetimeSeconds),
  INTERNAL_SIGNING_KEY: signingKey,
  SUBGRAPH_TIMEOUT_MS: positiveInt(5000),
  MAX_DEPTH: positiveInt(12),
  MAX_COST: positiveInt(5000),
  MAX_ALIASES: positiveInt(30),
  MAX_DIRECTIVES: positiveInt(50),
  // Altair's and GraphiQL's introspection queries are a few hundred tokens; 1000 (armor's default) is tight.
  MAX_TOKENS: positiveInt(3000),
  BODY_LIMIT_BYTES: positiveInt(1024 * 1024),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  // Never on by default; a benchmark of the production build switches it on explicitly.
  EXPOSE_QUERY_COSTS: z.enum(['true', 'false']).default('false'),
  SUBGRAPH_DEDUPE: z.enum(['true', 'false']).default('true'),
  STAFF_ACCESS_URL: httpUrl.optional(),
  STAFF_ACCESS_TTL_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(MAX_STAFF_ACCESS_TTL_MS, { error: `must be at most ${MAX_STAFF_ACCESS_TTL_MS} (a deactivation must apply within 5 s)` })
    .default(2000),
  STAFF_ACCESS_TIMEOUT_MS: positiveInt(2000),
  STAFF_ACCESS_CACHE_SIZE: positiveInt(10_000),
  STAFF_ACCESS_MAX_LOOKUPS: positiveInt(32),
  // Enough writes at once to keep every subgraph's database pool busy, few enough that each answers well inside
  // its SUBGRAPH_TIMEOUT_MS; a burst beyond that waits at most MUTATION_MAX_QUEUE_WAIT_MS or is refused at once.
  MUTATION_MAX_IN_FLIGHT: positiveInt(32),
  MUTATION_MAX_QUEUED: z.coerce.number().int().min(0).default(512),
  MUTATION_MAX_QUEUE_WAIT_MS: positiveInt(2000),
  RATE_LIMIT_ENABLED: z.enum(['true', 'false']).default('true'),
  RATE_LIMIT_CAPACITY: positiveInt(2000),
  RATE_LIMIT_RESTORE_PER_SECOND: positiveInt(100),
  RATE_LIMIT_MAX_CALLERS: positiveInt(100_000),
});

const perSubgraph = <T extends z.ZodType>(prefix: string, schema: T) =>
  z.object(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${prefix}${name}`, schema.optional()])));

const SubgraphUrlSchema = perSubgraph('SUBGRAPH_URL_', httpUrl);
const SubgraphTimeoutSchema = perSubgraph('SUBGRAPH_TIMEOUT_MS_', z.coerce.number().int().positive());

/** Reads and validates the gateway's environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, repoRoot: string = findRepoRoot()): GatewayConfig {
  // Empty strings are how shells and compose files say "unset"; treat them so, so defaults apply.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const base = BaseEnvSchema.safeParse(cleaned);
  const urls = SubgraphUrlSchema.safeParse(cleaned);
  const timeouts = SubgraphTimeoutSchema.safeParse(cleaned);

  const problems = [base, urls, timeouts].flatMap((result) =>
    result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.') || 'env'}: ${issue.message}`),
  );
  const supergraphPath = resolveFromRoot(String(cleaned.SUPERGRAPH_PATH ?? 'schemas/supergraph.graphql'), repoRoot);
  if (!existsSync(supergraphPath)) problems.push(`SUPERGRAPH_PATH: file not found: ${supergraphPath} (compose it first)`);
  const jwksFile = cleaned.AUTH_JWKS_FILE === undefined ? undefined : resolveFromRoot(String(cleaned.AUTH_JWKS_FILE), repoRoot);
  problems.push(...jwksProblems(cleaned, jwksFile));
  if (!base.success || !urls.success || !timeouts.success || problems.length > 0) throw new ConfigError(problems);

  const e = base.data;
  const subgraphUrls: GatewayConfig['subgraphUrls'] = {};
  const subgraphTimeoutsMs: GatewayConfig['subgraphTimeoutsMs'] = {};
  for (const name of SUBGRAPH_NAMES) {
    const url = urls.data[`SUBGRAPH_URL_${name}`];
    if (typeof url === 'string') subgraphUrls[name] = url;
    const timeout = timeouts.data[`SUBGRAPH_TIMEOUT_MS_${name}`];
    if (typeof timeout === 'number') subgraphTimeoutsMs[name] = timeout;
  }

  return {
    host: e.GATEWAY_HOST,
    port: e.GATEWAY_PORT,
    supergraphPath,
    clientTokens: {
      jwks: e.AUTH_JWKS_URL
        ? {
            url: e.AUTH_JWKS_URL,
            cacheMaxAgeMs: e.AUTH_JWKS_CACHE_MAX_AGE_MS,
            cooldownMs: e.AUTH_JWKS_COOLDOWN_MS,
            timeoutMs: e.AUTH_JWKS_TIMEOUT_MS,
            maxStaleMs: e.AUTH_JWKS_MAX_STALE_MS,
          }
        : { file: jwksFile!, checkIntervalMs: JWKS_FILE_CHECK_INTERVAL_MS },
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      maxLifetimeSeconds: e.AUTH_MAX_TOKEN_LIFETIME,
    },
    internalSigningKey: e.INTERNAL_SIGNING_KEY,
    subgraphUrls,
    subgraphTimeoutMs: e.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeoutsMs,
    limits: {
      maxDepth: e.MAX_DEPTH,
      maxCost: e.MAX_COST,
      maxAliases: e.MAX_ALIASES,
      maxDirectives: e.MAX_DIRECTIVES,
      maxTokens: e.MAX_TOKENS,
    },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    nodeEnv: e.NODE_ENV,
    exposeQueryCosts: e.EXPOSE_QUERY_COSTS === 'true',
    subgraphDedupe: e.SUBGRAPH_DEDUPE === 'true',
    staffAccess: {
      ...(e.STAFF_ACCESS_URL ? { url: e.STAFF_ACCESS_URL } : {}),
      ttlMs: e.STAFF_ACCESS_TTL_MS,
      timeoutMs: e.STAFF_ACCESS_TIMEOUT_MS,
      cacheSize: e.STAFF_ACCESS_CACHE_SIZE,
      maxConcurrentLookups: e.STAFF_ACCESS_MAX_LOOKUPS,
    },
    admission: { maxInFlight: e.MUTATION_MAX_IN_FLIGHT, maxQueued: e.MUTATION_MAX_QUEUED, maxWaitMs: e.MUTATION_MAX_QUEUE_WAIT_MS },
    rateLimit:
      e.RATE_LIMIT_ENABLED === 'true'
        ? { capacity: e.RATE_LIMIT_CAPACITY, restorePerSecond: e.RATE_LIMIT_RESTORE_PER_SECOND, maxEntries: e.RATE_LIMIT_MAX_CALLERS }
        : null,
  };
}

/** Exactly one source of client token keys; a JWKS URL in production is https. */
function jwksProblems(env: Record<string, unknown>, file: string | undefined): string[] {
  if (env.AUTH_JWKS_URL !== undefined && file !== undefined) return ['AUTH_JWKS_URL: set either AUTH_JWKS_URL or AUTH_JWKS_FILE, not both'];
  if (env.AUTH_JWKS_URL === undefined && file === undefined) {
    return ["AUTH_JWKS_URL: is required (or AUTH_JWKS_FILE): the client token issuer's public keys (a JWKS)"];
  }
  if (file !== undefined && !existsSync(file)) return [`AUTH_JWKS_FILE: file not found: ${file}`];
  if (env.NODE_ENV === 'production' && typeof env.AUTH_JWKS_URL === 'string' && !env.AUTH_JWKS_URL.startsWith('https:')) {
    return ['AUTH_JWKS_URL: must be an https URL in production'];
  }
  return [];
}

/** The env-style key of a subgraph name from the supergraph ("catalog" → "CATALOG"). */
export function subgraphEnvName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

function resolveFromRoot(path: string, repoRoot: string): string {
  return isAbsolute(path) ? path : resolve(repoRoot, path);
}
