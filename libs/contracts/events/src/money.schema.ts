import { z } from 'zod';

/** Money inside events: integer minor units as a decimal string plus an ISO 4217 code. */
export const MoneyPayloadSchema = z.object({
  amountMinor: z.string().regex(/^-?\d+$/),
  currencyCode: z.string().regex(/^[A-Z]{3}$/),
});
/** Money inside events. */
export type MoneyPayload = z.infer<typeof MoneyPayloadSchema>;

/** Prefixed opaque id such as `sku_…`. */
export const idOf = (prefix: string) => z.string().startsWith(`${prefix}_`);
