import { AFTER_SALES_WINDOW_DAYS, afterSalesWindowEnd, isWithinAfterSalesWindow } from './after-sales-window';

describe('after-sales window', () => {
  const deliveredAt = new Date('2026-03-01T10:00:00Z');
  const end = afterSalesWindowEnd(deliveredAt);

  it(`closes ${AFTER_SALES_WINDOW_DAYS} days after delivery`, () => {
    expect(end.toISOString()).toBe('2026-03-15T10:00:00.000Z');
  });

  it('is open up to and including its last instant, closed after', () => {
    expect(isWithinAfterSalesWindow(deliveredAt, deliveredAt)).toBe(true);
    expect(isWithinAfterSalesWindow(deliveredAt, end)).toBe(true);
    expect(isWithinAfterSalesWindow(deliveredAt, new Date(end.getTime() + 1))).toBe(false);
  });

  it('does not apply before delivery (shipped, in transit)', () => {
    expect(isWithinAfterSalesWindow(null, new Date('2030-01-01T00:00:00Z'))).toBe(true);
  });
});
