import { randomBytes } from 'node:crypto';

/**
 * A new opaque id with a type prefix (`ord_…`). The body starts with the creation time so ids sort
 * roughly by age, which keeps B-tree inserts local and gives keyset pagination a stable order.
 */
export function newId(prefix: string): string {
  const time = Date.now().toString(36).padStart(9, '0');
  return `${prefix}_${time}${randomBytes(8).toString('hex')}`;
}

/** True when `value` looks like an id that {@link newId} made with this prefix. */
export function isIdOf(prefix: string, value: string): boolean {
  return new RegExp(`^${prefix}_[0-9a-z]{9}[0-9a-f]{16}$`).test(value);
}
