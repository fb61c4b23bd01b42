import { isUniqueViolation, requestHash } from './idempotency';
import { returnedRows } from './query-results';
import { isIdOf, newId } from './ids';

describe('idempotency helpers', () => {
  it('hashes equal inputs equally regardless of key order, and different inputs differently', () => {
    expect(requestHash({ a: 1, b: { c: [1, 2] } })).toBe(requestHash({ b: { c: [1, 2] }, a: 1 }));
    expect(requestHash({ a: 1 })).not.toBe(requestHash({ a: 2 }));
    expect(requestHash({ lines: [1, 2] })).not.toBe(requestHash({ lines: [2, 1] }));
  });

  it('recognises unique violations, optionally by constraint', () => {
    const error = { driverError: { code: '23505', constraint: 'skus_seller_sku_uq' } };
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'skus_seller_sku_uq')).toBe(true);
    expect(isUniqueViolation(error, 'other')).toBe(false);
    expect(isUniqueViolation({ code: '23503' })).toBe(false);
  });

  it("unwraps TypeORM's [rows, count] result of UPDATE … RETURNING", () => {
    expect(returnedRows([[{ id: 1 }], 1])).toEqual([{ id: 1 }]);
    expect(returnedRows([{ id: 1 }])).toEqual([{ id: 1 }]);
  });

  it('makes prefixed, time-ordered ids', () => {
    const a = newId('ord');
    expect(isIdOf('ord', a)).toBe(true);
    expect(isIdOf('sku', a)).toBe(false);
  });
});
