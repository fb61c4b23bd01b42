import { fractionDigitsOf, parseMoneyInput, toMoney } from './money';

describe('money', () => {
  it('keeps every digit of 64-bit totals as a string', () => {
    expect(toMoney(9_223_372_036_854_775_807n, 'USD')).toEqual({ amountMinor: '9223372036854775807', currencyCode: 'USD', fractionDigits: 2 });
  });

  it('knows currencies without or with three minor digits', () => {
    expect(fractionDigitsOf('JPY')).toBe(0);
    expect(fractionDigitsOf('KWD')).toBe(3);
    expect(fractionDigitsOf('USD')).toBe(2);
  });

  it('parses a whole number of minor units in the expected currency', () => {
    expect(parseMoneyInput('price', { amountMinor: '1999', currencyCode: 'USD' }, 'USD')).toEqual({ amount: 1999n, currencyCode: 'USD' });
  });

  it('accepts zero where the caller allows it, and still refuses negative amounts', () => {
    expect(parseMoneyInput('fee', { amountMinor: '0', currencyCode: 'USD' }, 'USD', 0n)).toEqual({ amount: 0n, currencyCode: 'USD' });
    const negative = parseMoneyInput('fee', { amountMinor: '-1', currencyCode: 'USD' }, 'USD', 0n);
    expect(Array.isArray(negative) && negative.map((p) => p.field)).toEqual(['fee.amountMinor']);
  });

  it.each([
    ['12.50', 'USD', 'price.amountMinor'],
    ['1e3', 'USD', 'price.amountMinor'],
    ['-5', 'USD', 'price.amountMinor'],
    ['0', 'USD', 'price.amountMinor'],
    ['', 'USD', 'price.amountMinor'],
    ['99999999999999999999', 'USD', 'price.amountMinor'],
    ['100', 'usd', 'price.currencyCode'],
    ['100', 'EUR', 'price.currencyCode'],
  ])('refuses %s %s', (amountMinor, currencyCode, field) => {
    const result = parseMoneyInput('price', { amountMinor, currencyCode }, 'USD');
    expect(Array.isArray(result) && result.map((p) => p.field)).toEqual([field]);
  });
});
