import { PromotionStatus } from './promotion-status';
import { promotionStatusAt, promotionStatusCondition } from './promotion-status.rules';

describe('promotionStatusAt', () => {
  const startsAt = new Date('2026-03-01T00:00:00.000Z');
  const endsAt = new Date('2026-03-08T00:00:00.000Z');
  const window = { startsAt, endsAt, deactivatedAt: null };
  const at = (iso: string) => new Date(iso);

  it.each([
    ['before the start', '2026-02-28T23:59:59.999Z', PromotionStatus.NOT_START],
    ['exactly at the start', '2026-03-01T00:00:00.000Z', PromotionStatus.ONGOING],
    ['inside the window', '2026-03-04T12:00:00.000Z', PromotionStatus.ONGOING],
    ['a millisecond before the end', '2026-03-07T23:59:59.999Z', PromotionStatus.ONGOING],
    ['exactly at the end', '2026-03-08T00:00:00.000Z', PromotionStatus.EXPIRED],
    ['after the end', '2027-01-01T00:00:00.000Z', PromotionStatus.EXPIRED],
  ])('is derived from the window %s', (_name, now, expected) => {
    expect(promotionStatusAt(window, at(now))).toBe(expected);
  });

  it.each(['2026-02-01T00:00:00.000Z', '2026-03-04T00:00:00.000Z', '2026-04-01T00:00:00.000Z'])(
    'is DEACTIVATED once deactivated, whatever the time (%s)',
    (now) => {
      expect(promotionStatusAt({ ...window, deactivatedAt: at('2026-03-02T00:00:00.000Z') }, at(now))).toBe(PromotionStatus.DEACTIVATED);
    },
  );
});

describe('promotionStatusCondition', () => {
  it('has a condition for every status a published promotion can have', () => {
    for (const status of [PromotionStatus.NOT_START, PromotionStatus.ONGOING, PromotionStatus.EXPIRED, PromotionStatus.DEACTIVATED]) {
      expect(promotionStatusCondition(status)).toEqual(expect.any(String));
    }
  });

  it('matches nothing for statuses this slice never produces', () => {
    expect(promotionStatusCondition(PromotionStatus.DRAFT)).toBeNull();
    expect(promotionStatusCondition(PromotionStatus.NOT_EFFECTIVE)).toBeNull();
  });

  it('uses the same half-open window as promotionStatusAt', () => {
    expect(promotionStatusCondition(PromotionStatus.ONGOING, 'x')).toBe('x.deactivated_at IS NULL AND x.starts_at <= :now AND x.ends_at > :now');
    expect(promotionStatusCondition(PromotionStatus.EXPIRED, 'x')).toBe('x.deactivated_at IS NULL AND x.ends_at <= :now');
  });
});
