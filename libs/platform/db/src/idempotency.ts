import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** A stable fingerprint of a mutation's input, so a reused key with other input is detected. */
export function requestHash(input: unknown): string {
  const canonical = JSON.stringify(input, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : typeof value === 'bigint'
        ? value.toString()
        : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** Where an idempotency key lives: who used it (scope) for which operation. */
export interface IdempotencyClaim {
  scope: string;
  operation: string;
  key: string;
  requestHash: string;
}

/** Outcome of an idempotent run: a fresh result, a replay of the first one, or a key reused with other input. */
export type IdempotentOutcome = { kind: 'fresh'; resultId: string } | { kind: 'replay'; resultId: string } | { kind: 'conflict' };

/**
 * Runs `operation` once per key inside the caller's transaction. A concurrent second call with the same
 * key waits on the key's row, then sees the first result. The caller maps `conflict` to its error.
 */
export async function runIdempotent(manager: EntityManager, claim: IdempotencyClaim, operation: () => Promise<string>): Promise<IdempotentOutcome> {
  const claimed: unknown[] = await manager.query(
    `INSERT INTO idempotency_keys (scope, operation, idempotency_key, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT DO NOTHING RETURNING idempotency_key`,
    [claim.scope, claim.operation, claim.key, claim.requestHash],
  );
  if (claimed.length === 0) {
    const [existing]: Array<{ request_hash: string; result_id: string | null }> = await manager.query(
      `SELECT request_hash, result_id FROM idempotency_keys WHERE scope = $1 AND operation = $2 AND idempotency_key = $3`,
      [claim.scope, claim.operation, claim.key],
    );
    if (!existing || existing.request_hash !== claim.requestHash || !existing.result_id) return { kind: 'conflict' };
    return { kind: 'replay', resultId: existing.result_id };
  }
  const resultId = await operation();
  await manager.query(`UPDATE idempotency_keys SET result_id = $4 WHERE scope = $1 AND operation = $2 AND idempotency_key = $3`, [
    claim.scope,
    claim.operation,
    claim.key,
    resultId,
  ]);
  return { kind: 'fresh', resultId };
}

/** True for a PostgreSQL unique-violation error (optionally on a named constraint or index). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === '23505' && (!constraint || name === constraint);
}
