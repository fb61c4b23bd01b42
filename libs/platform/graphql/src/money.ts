import { Money } from './money.model';
import { FieldProblem } from './app-error';

// ISO 4217 minor-unit exponents that are not 2; everything else has 2.
const FRACTION_DIGITS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  UGX: 0,
  XAF: 0,
  XOF: 0,
  IDR: 2,
  BHD: 3,
  KWD: 3,
  OMR: 3,
  JOD: 3,
  TND: 3,
};

/** Currencies the platform settles in. */
export const SUPPORTED_CURRENCIES = new Set(['USD', 'GBP', 'EUR', 'IDR', 'MYR', 'THB', 'VND', 'PHP', 'SGD', 'JPY', 'MXN', 'BRL', 'SAR', 'AED', 'KWD']);

/** Minor-unit digits of an ISO 4217 currency. */
export const fractionDigitsOf = (currencyCode: string): number => FRACTION_DIGITS[currencyCode] ?? 2;

/** The GraphQL value of an amount. */
export function toMoney(amountMinor: bigint | string | number, currencyCode: string): Money {
  return { amountMinor: BigInt(amountMinor).toString(), currencyCode, fractionDigits: fractionDigitsOf(currencyCode) };
}

/** Upper bound for a single price: 10^15 minor units keeps every total far inside 64 bits. */
const MAX_PRICE_MINOR = 10n ** 15n;

/**
 * Parses a client-sent amount: a base-10 integer string of at least `minimumMinor` (one minor unit unless
 * given; 0 for amounts such as a free-shipping fee) in a supported currency (and the expected one, when
 * given). Returns the problems instead of throwing so callers can report them all.
 */
export function parseMoneyInput(
  field: string,
  input: { amountMinor: string; currencyCode: string },
  expectedCurrency?: string,
  minimumMinor: 0n | 1n = 1n,
): { amount: bigint; currencyCode: string } | FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!/^[0-9]{1,19}$/.test(input.amountMinor)) {
    problems.push({ field: `${field}.amountMinor`, message: 'must be a whole number of minor units, e.g. "1999"' });
  } else if (BigInt(input.amountMinor) < minimumMinor) {
    problems.push({ field: `${field}.amountMinor`, message: 'must be at least one minor unit' });
  } else if (BigInt(input.amountMinor) > MAX_PRICE_MINOR) {
    problems.push({ field: `${field}.amountMinor`, message: 'is too large' });
  }
  if (!SUPPORTED_CURRENCIES.has(input.currencyCode)) {
    problems.push({ field: `${field}.currencyCode`, message: 'must be a supported ISO 4217 code' });
  } else if (expectedCurrency && input.currencyCode !== expectedCurrency) {
    problems.push({ field: `${field}.currencyCode`, message: `must be the shop currency ${expectedCurrency}` });
  }
  return problems.length > 0 ? problems : { amount: BigInt(input.amountMinor), currencyCode: input.currencyCode };
}
