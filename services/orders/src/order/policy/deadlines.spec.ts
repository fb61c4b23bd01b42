import { addBusinessDays, cancellationRespondBy, completesAt, isBusinessDay, paymentDeadlines, unpaidExpiresAt } from './deadlines';
import { REGION_POLICIES, Region, policyOf } from './region-policy';

const US = REGION_POLICIES[Region.US];
const SG = REGION_POLICIES[Region.SG];
// Friday 2026-11-27 10:00 in New York (15:00 UTC).
const FRIDAY = new Date('2026-11-27T15:00:00.000Z');

describe('order deadlines', () => {
  it('judges weekends in the region time zone', () => {
    // 2026-11-28T03:00Z is Saturday in UTC but still Friday evening in New York.
    expect(isBusinessDay(new Date('2026-11-28T03:00:00.000Z'), US)).toBe(true);
    expect(isBusinessDay(new Date('2026-11-28T15:00:00.000Z'), US)).toBe(false);
    expect(isBusinessDay(new Date('2026-11-28T15:00:00.000Z'), SG)).toBe(true);
  });

  it('skips weekends when they do not count', () => {
    expect(addBusinessDays(FRIDAY, 2, US).toISOString()).toBe('2026-12-01T15:00:00.000Z'); // Tuesday
    expect(addBusinessDays(FRIDAY, 7, US).toISOString()).toBe('2026-12-08T15:00:00.000Z'); // Tuesday a week later
    expect(addBusinessDays(FRIDAY, 0, US).toISOString()).toBe(FRIDAY.toISOString());
  });

  it('counts weekends when the region says so', () => {
    expect(addBusinessDays(FRIDAY, 2, SG).toISOString()).toBe('2026-11-29T15:00:00.000Z'); // Sunday
    expect(addBusinessDays(FRIDAY, 3, { ...US, weekendsAreBusinessDays: true }).toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('skips public holidays of the region, even where weekends count', () => {
    // Wednesday 2026-12-23 10:00 in New York; Friday 25 December is a federal holiday.
    const wednesday = new Date('2026-12-23T15:00:00.000Z');
    expect(isBusinessDay(new Date('2026-12-25T15:00:00.000Z'), US)).toBe(false);
    expect(addBusinessDays(wednesday, 2, US).toISOString()).toBe('2026-12-28T15:00:00.000Z'); // Thu 24, (Fri 25), Mon 28
    expect(addBusinessDays(wednesday, 2, { ...US, publicHolidays: [] }).toISOString()).toBe('2026-12-25T15:00:00.000Z');
    // The holiday is judged on the local date: 2026-12-25T03:00Z is still Christmas Eve in New York.
    expect(isBusinessDay(new Date('2026-12-25T03:00:00.000Z'), US)).toBe(true);
    const withHoliday = { ...SG, publicHolidays: ['2026-11-29'] };
    expect(addBusinessDays(FRIDAY, 2, withHoliday).toISOString()).toBe('2026-11-30T15:00:00.000Z'); // Sat 28, (Sun 29), Mon 30
    // Thanksgiving (Thu 26 Nov): paid on Wednesday, the ship-by SLA skips it and the weekend.
    expect(paymentDeadlines(new Date('2026-11-25T15:00:00.000Z'), US).shipByAt).toEqual(new Date('2026-11-30T15:00:00.000Z'));
  });

  it('derives every payment deadline from the policy', () => {
    expect(paymentDeadlines(FRIDAY, US)).toEqual({
      remorseEndsAt: new Date('2026-11-27T16:00:00.000Z'),
      shipByAt: new Date('2026-12-01T15:00:00.000Z'),
      autoCancelAt: new Date('2026-12-08T15:00:00.000Z'),
    });
    expect(paymentDeadlines(FRIDAY, SG).autoCancelAt).toEqual(new Date('2026-11-30T15:00:00.000Z'));
  });

  it('computes unpaid expiry, auto-approve and completion in hours and days', () => {
    expect(unpaidExpiresAt(FRIDAY, US)).toEqual(new Date('2026-11-29T15:00:00.000Z'));
    expect(cancellationRespondBy(FRIDAY, US)).toEqual(new Date('2026-11-28T15:00:00.000Z'));
    expect(completesAt(FRIDAY, US)).toEqual(new Date('2026-12-11T15:00:00.000Z'));
  });

  it('falls back to the US policy for an unknown region', () => {
    expect(policyOf('XX')).toBe(US);
  });
});
