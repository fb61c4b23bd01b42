const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * SQL for the 9-character base-36 time prefix of an id made by `newId` (@sc/db), so generated ids sort by
 * creation time like real ones and pass `isIdOf`. Written out as one expression (no function call per row):
 * the data set makes millions of ids.
 */
export function base36Sql(msExpr: string): string {
  const parts: string[] = [];
  for (let power = 8; power >= 0; power -= 1) {
    const divisor = 36n ** BigInt(power);
    parts.push(`substr('${DIGITS}', ((${msExpr}) / ${divisor}::bigint % 36)::int + 1, 1)`);
  }
  return parts.join(' || ');
}

/** SQL for a deterministic id `<prefix>_<time36><16 hex>` from a time (ms since epoch) and a seed text. */
export const idSql = (prefix: string, msExpr: string, seedExpr: string): string => `'${prefix}_' || ${base36Sql(msExpr)} || substr(md5(${seedExpr}), 1, 16)`;

/** SQL for a deterministic non-negative integer in [0, modulo) from a bigint expression. */
export const hashSql = (expr: string, modulo: number | string): string => `(abs(hashint8((${expr})::bigint)::bigint) % ${modulo})`;

/** SQL for a deterministic UUID from a seed text (event ids the projections record as their source). */
export const uuidSql = (seedExpr: string): string => `md5(${seedExpr})::uuid`;
