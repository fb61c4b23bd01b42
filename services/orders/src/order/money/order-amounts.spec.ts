import { orderAmounts } from './order-amounts';

const usd = (amount: bigint) => ({ amount, currencyCode: 'USD' });

describe('order amounts', () => {
  it('splits a fee and a discount across lines so each sums exactly', () => {
    const result = orderAmounts([3333n, 3333n, 3333n], 'USD', usd(500n), usd(1000n));
    expect(result.lines.map((l) => l.shippingFeeMinor)).toEqual([167n, 167n, 166n]);
    expect(result.lines.map((l) => l.sellerDiscountMinor)).toEqual([334n, 333n, 333n]);
    expect(result.totalMinor).toBe(9999n + 500n - 1000n);
  });

  it('weights shares by line totals', () => {
    const result = orderAmounts([100n, 200n, 700n], 'USD', usd(7n), null);
    expect(result.lines.map((l) => l.shippingFeeMinor)).toEqual([1n, 1n, 5n]);
    expect(result.lines.reduce((s, l) => s + l.shippingFeeMinor, 0n)).toBe(7n);
  });

  it('fails on amounts no pricing may produce: a discount above the subtotal, negative amounts, another currency', () => {
    expect(() => orderAmounts([100n], 'USD', null, usd(101n))).toThrow('must not exceed the subtotal');
    expect(() => orderAmounts([100n], 'USD', usd(-1n), null)).toThrow('must not be negative');
    expect(() => orderAmounts([100n], 'USD', { amount: 1n, currencyCode: 'EUR' }, null)).toThrow('order currency USD');
  });
});
