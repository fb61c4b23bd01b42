import { PromotionStatus } from './promotion-status';
import { nextPromotionStatus } from './promotion.state-machine';

describe('promotion state machine', () => {
  it.each([PromotionStatus.NOT_START, PromotionStatus.ONGOING])('lets the seller deactivate a %s promotion', (from) => {
    expect(nextPromotionStatus(from, 'deactivate', 'SELLER_STAFF')).toBe(PromotionStatus.DEACTIVATED);
  });

  it.each([PromotionStatus.EXPIRED, PromotionStatus.DEACTIVATED, PromotionStatus.DRAFT, PromotionStatus.NOT_EFFECTIVE])(
    'refuses to deactivate a %s promotion',
    (from) => {
      expect(() => nextPromotionStatus(from, 'deactivate', 'SELLER_STAFF')).toThrow(
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION', from }) }),
      );
    },
  );

  it('refuses deactivation by anyone but the seller', () => {
    expect(() => nextPromotionStatus(PromotionStatus.ONGOING, 'deactivate', 'BUYER')).toThrow(/cannot deactivate/);
  });
});
