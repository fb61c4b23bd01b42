import { amountsAfterLineCancellation } from './line-cancellation';
import { orderAmounts } from './order-amounts';

const line = (id: string, unit: bigint, quantity: number, discount: bigint, cancelled = 0) => ({
  id,
  unitPriceMinor: unit,
  quantity,
  cancelledQuantity: cancelled,
  sellerDiscountMinor: discount,
});

describe('amounts after a line-level cancellation', () => {
  it('takes the cancelled units and their discount share out of the total, exactly', () => {
    // 3 × 3333 + 1 × 3333, fee 500, discount 1000 → shares 375/125 and 750/250 at placement.
    const placed = orderAmounts([9999n, 3333n], 'USD', { amount: 500n, currencyCode: 'USD' }, { amount: 1000n, currencyCode: 'USD' });
    expect(placed.totalMinor).toBe(12832n);
    const lines = [line('a', 3333n, 3, 750n), line('b', 3333n, 1, 250n)];
    const after = amountsAfterLineCancellation(lines, new Map([['a', 2]]), 500n);
    expect(after).toEqual({
      subtotalMinor: 6666n,
      sellerDiscountMinor: 500n,
      totalMinor: 6666n + 500n - 500n,
      cancelledMinor: 2n * 3333n - 500n,
      lines: [
        { id: 'a', shippingFeeMinor: 250n, sellerDiscountMinor: 250n },
        { id: 'b', shippingFeeMinor: 250n, sellerDiscountMinor: 250n },
      ],
    });
    expect(placed.totalMinor - after.totalMinor).toBe(after.cancelledMinor);
  });

  it('splits odd discounts by largest remainder and keeps every sum exact', () => {
    const lines = [line('a', 3333n, 3, 1001n), line('b', 999n, 7, 2n), line('c', 1n, 1, 0n)];
    const before = 3n * 3333n + 7n * 999n + 1n + 7n - 1003n;
    const after = amountsAfterLineCancellation(
      lines,
      new Map([
        ['a', 1],
        ['b', 3],
      ]),
      7n,
    );
    expect(after.lines.reduce((s, l) => s + l.shippingFeeMinor, 0n)).toBe(7n);
    expect(after.lines.reduce((s, l) => s + l.sellerDiscountMinor, 0n)).toBe(after.sellerDiscountMinor);
    expect(after.lines.map((l) => l.sellerDiscountMinor)).toEqual([667n, 1n, 0n]); // 1001 × 2/3 → 667.33; 2 × 4/7 → 1.14
    expect(before - after.totalMinor).toBe(after.cancelledMinor);
    expect(after.cancelledMinor).toBe(3333n - 334n + 3n * 999n - 1n);
  });

  it('counts earlier cancellations and gives fully cancelled lines no share', () => {
    const after = amountsAfterLineCancellation([line('a', 100n, 4, 30n, 1), line('b', 50n, 2, 10n)], new Map([['a', 3]]), 99n);
    expect(after.lines).toEqual([
      { id: 'a', shippingFeeMinor: 0n, sellerDiscountMinor: 0n },
      { id: 'b', shippingFeeMinor: 99n, sellerDiscountMinor: 10n },
    ]);
    expect(after).toMatchObject({ subtotalMinor: 100n, sellerDiscountMinor: 10n, totalMinor: 189n, cancelledMinor: 270n });
  });

  it('refuses to cancel more units than are live', () => {
    expect(() => amountsAfterLineCancellation([line('a', 100n, 2, 0n, 1)], new Map([['a', 2]]), 0n)).toThrow();
  });
});
