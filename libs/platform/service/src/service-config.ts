import { z } from 'zod';
import { parseVerificationKeys, type VerificationKey } from '@sc/auth';

/** A subgraph's JSON body limit unless BODY_LIMIT_BYTES says otherwise: 4 MiB, four times the gateway's default. */
export const DEFAULT_SUBGRAPH_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Environment every subgraph process reads at start-up; a bad value stops the process with a clear message. */
export const ServiceEnvSchema = z.object({
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(1).max(65535),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .transform((v) =>
      v
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
    ),
  KAFKA_TOPIC_PREFIX: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/)
    .default(''),
  // The gateway's public key(s), as a JWK, a JSON array of JWKs or a JWKS: several while the gateway's key rotates.
  // Public only: a subgraph holds nothing that can sign an internal context.
  INTERNAL_VERIFY_KEYS: z.string({ error: "is required (the gateway's public key: a JWK, an array of JWKs or a JWKS)" }).transform((text, ctx) => {
    try {
      return parseVerificationKeys(text);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      return z.NEVER;
    }
  }),
  RUN_WORKERS: flag.default(true),
  EXPOSE_SQL_STATEMENT_COUNT: flag.default(false),
  // A safety net only: commits that append to the outbox wake the relay through LISTEN/NOTIFY.
  OUTBOX_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(60_000).default(1000),
  // Above the gateway's own limit (1 MiB by default), so whatever the gateway accepted from a client reaches the
  // subgraph, whose validation then names its own field limits: one limit, the gateway's, is the one clients meet.
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_SUBGRAPH_BODY_LIMIT_BYTES),
});

/** A subgraph's validated configuration. */
export interface ServiceConfig {
  serviceName: string;
  host: string;
  port: number;
  databaseUrl: string;
  dbPoolSize: number;
  kafka: { brokers: string[]; clientId: string; topicPrefix: string };
  /** The gateway's public keys; every internal context must verify with one of them. */
  internalVerifyKeys: VerificationKey[];
  runWorkers: boolean;
  exposeSqlStatementCount: boolean;
  outboxPollIntervalMs: number;
  /** Largest JSON request body accepted (decoded bytes). */
  bodyLimitBytes: number;
}

/** Reads and validates the environment; throws one error naming every bad variable. */
export function loadServiceConfig(serviceName: string, env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const parsed = ServiceEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Invalid configuration for ${serviceName}:\n  ${problems}`);
  }
  const e = parsed.data;
  // Statement counts tell a caller how the service queries its data: for tests and the benchmark, never in production.
  if (e.EXPOSE_SQL_STATEMENT_COUNT && env.NODE_ENV === 'production') {
    throw new Error(`Invalid configuration for ${serviceName}:\n  EXPOSE_SQL_STATEMENT_COUNT: must not be true when NODE_ENV=production`);
  }
  return {
    serviceName,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dbPoolSize: e.DB_POOL_SIZE,
    kafka: { brokers: e.KAFKA_BROKERS, clientId: serviceName, topicPrefix: e.KAFKA_TOPIC_PREFIX },
    internalVerifyKeys: e.INTERNAL_VERIFY_KEYS,
    runWorkers: e.RUN_WORKERS,
    exposeSqlStatementCount: e.EXPOSE_SQL_STATEMENT_COUNT,
    outboxPollIntervalMs: e.OUTBOX_POLL_INTERVAL_MS,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
  };
}
