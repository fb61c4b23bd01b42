import { z } from 'zod';
import { OrderPolicy, policyOf } from './region-policy';

// An empty variable means "not set" (a blank line in an env file must not become a 0-second window).
const seconds = (max: number) => z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(max).optional());

const PolicyOverridesEnvSchema = z.object({
  NODE_ENV: z.string().optional(),
  // Capped at the real one-hour window: the override exists to shorten waits in demos and tests.
  ORDER_REMORSE_WINDOW_SECONDS: seconds(3_600),
});

/** Region-policy figures a non-production environment replaces for every region. */
export interface OrderPolicyOverrides {
  /** Buyer-remorse window in seconds (0: the hold is released by the next timer poll). */
  remorseWindowSeconds?: number;
}

/**
 * Reads the policy overrides from the environment (ORDER_REMORSE_WINDOW_SECONDS). Throws, so the process
 * does not start, on a malformed value, and on any override when NODE_ENV=production: there the marketplace
 * policy (region-policy.ts) is the only one.
 */
export function readOrderPolicyOverrides(env: NodeJS.ProcessEnv = process.env): OrderPolicyOverrides {
  const parsed = PolicyOverridesEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Invalid order policy overrides:\n  ${problems}`);
  }
  const overrides: OrderPolicyOverrides = {};
  if (parsed.data.ORDER_REMORSE_WINDOW_SECONDS !== undefined) overrides.remorseWindowSeconds = parsed.data.ORDER_REMORSE_WINDOW_SECONDS;
  if (Object.keys(overrides).length > 0 && parsed.data.NODE_ENV === 'production') {
    throw new Error('ORDER_REMORSE_WINDOW_SECONDS is refused when NODE_ENV=production: production runs the region policy as it is');
  }
  return overrides;
}

/** `policy` with the overrides applied. */
export function withOverrides(policy: OrderPolicy, overrides: OrderPolicyOverrides): OrderPolicy {
  if (overrides.remorseWindowSeconds === undefined) return policy;
  return { ...policy, remorseHours: overrides.remorseWindowSeconds / 3_600 };
}

/**
 * The order policy of a region as this process runs it: the region policy, with this environment's
 * overrides (none in production). Commands that set an overridable deadline (payment: the remorse window)
 * take their policy from here.
 */
export class OrderPolicies {
  constructor(readonly overrides: OrderPolicyOverrides = {}) {}

  of(region: string): OrderPolicy {
    return withOverrides(policyOf(region), this.overrides);
  }
}
