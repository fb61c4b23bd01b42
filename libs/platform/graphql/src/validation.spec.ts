import { checkIdempotencyKey, checkInteger, checkText } from './validation';

describe('input validation', () => {
  it('accepts ordinary text and refuses control characters, blanks and overlong text', () => {
    expect(checkText('title', 'Linen shirt — blue', 1, 50)).toEqual([]);
    expect(checkText('title', 'a\u0000b', 1, 50)[0].message).toMatch(/control/);
    expect(checkText('title', 'a\u001bb', 1, 50)[0].message).toMatch(/control/);
    expect(checkText('title', '   ', 1, 50)[0].message).toMatch(/empty/);
    expect(checkText('title', 'x'.repeat(51), 1, 50)[0].message).toMatch(/at most/);
    expect(checkText('title', undefined, 1, 50)[0].message).toMatch(/required/);
  });

  it('bounds integers', () => {
    expect(checkInteger('quantity', 1, 1, 10)).toEqual([]);
    expect(checkInteger('quantity', 0, 1, 10)).toHaveLength(1);
    expect(checkInteger('quantity', 1.5, 1, 10)).toHaveLength(1);
    expect(checkInteger('quantity', 11, 1, 10)).toHaveLength(1);
  });

  it('wants idempotency keys of 8 to 128 printable characters', () => {
    expect(checkIdempotencyKey('k', 'order-2026-11-25')).toEqual([]);
    expect(checkIdempotencyKey('k', 'short')).toHaveLength(1);
    expect(checkIdempotencyKey('k', 'with space inside')).toHaveLength(1);
  });
});
