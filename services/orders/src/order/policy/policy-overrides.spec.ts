import { paymentDeadlines } from './deadlines';
import { OrderPolicies, readOrderPolicyOverrides, withOverrides } from './policy-overrides';
import { REGION_POLICIES, Region } from './region-policy';

const PAID_AT = new Date('2026-11-27T15:00:00.000Z');

describe('order policy overrides', () => {
  it('has none unless configured, and then every region runs its own policy', () => {
    expect(readOrderPolicyOverrides({})).toEqual({});
    expect(readOrderPolicyOverrides({ ORDER_REMORSE_WINDOW_SECONDS: '' })).toEqual({});
    const policies = new OrderPolicies(readOrderPolicyOverrides({ NODE_ENV: 'production' }));
    expect(policies.of(Region.SG)).toBe(REGION_POLICIES[Region.SG]);
    expect(paymentDeadlines(PAID_AT, policies.of(Region.US)).remorseEndsAt).toEqual(new Date('2026-11-27T16:00:00.000Z'));
  });

  it('shortens the remorse window in every region, to the second, and leaves the other deadlines alone', () => {
    const policies = new OrderPolicies(readOrderPolicyOverrides({ NODE_ENV: 'development', ORDER_REMORSE_WINDOW_SECONDS: '5' }));
    for (const region of [Region.US, Region.SG]) {
      const overridden = paymentDeadlines(PAID_AT, policies.of(region));
      const real = paymentDeadlines(PAID_AT, REGION_POLICIES[region]);
      expect(overridden).toEqual({ ...real, remorseEndsAt: new Date(PAID_AT.getTime() + 5_000) });
    }
    expect(paymentDeadlines(PAID_AT, withOverrides(REGION_POLICIES[Region.US], { remorseWindowSeconds: 0 })).remorseEndsAt).toEqual(PAID_AT);
  });

  it('is refused when NODE_ENV=production', () => {
    expect(() => readOrderPolicyOverrides({ NODE_ENV: 'production', ORDER_REMORSE_WINDOW_SECONDS: '0' })).toThrow(/refused when NODE_ENV=production/);
  });

  it('refuses malformed or longer-than-real windows, naming the variable', () => {
    for (const value of ['-1', '1.5', 'soon', '3601']) {
      expect(() => readOrderPolicyOverrides({ ORDER_REMORSE_WINDOW_SECONDS: value })).toThrow(/ORDER_REMORSE_WINDOW_SECONDS/);
    }
  });
});
