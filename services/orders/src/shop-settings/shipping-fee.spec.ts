import { shippingFeeFor } from './shipping-fee';

describe('shippingFeeFor', () => {
  const flat599FreeFrom5000 = { currencyCode: 'USD', flatFeeMinor: 599n, freeFromMinor: 5000n };

  it('charges the flat fee below the threshold and nothing from it on', () => {
    expect(shippingFeeFor(flat599FreeFrom5000, 4000n, 'USD')).toBe(599n);
    expect(shippingFeeFor(flat599FreeFrom5000, 4999n, 'USD')).toBe(599n);
    expect(shippingFeeFor(flat599FreeFrom5000, 5000n, 'USD')).toBe(0n);
    expect(shippingFeeFor(flat599FreeFrom5000, 6000n, 'USD')).toBe(0n);
  });

  it('always charges the flat fee without a threshold, and nothing for a shop without a setting', () => {
    expect(shippingFeeFor({ currencyCode: 'USD', flatFeeMinor: 350n, freeFromMinor: null }, 10n ** 12n, 'USD')).toBe(350n);
    expect(shippingFeeFor(null, 4000n, 'USD')).toBe(0n);
  });

  it('fails on a setting in another currency than the order (a fault: settings are checked against the shop currency)', () => {
    expect(() => shippingFeeFor(flat599FreeFrom5000, 4000n, 'EUR')).toThrow('shipping setting is in USD, the order in EUR');
  });
});
