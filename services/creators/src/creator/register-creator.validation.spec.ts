import { handlePrefixPattern, normalizeHandleSearch, validateRegisterCreator } from './register-creator.validation';

const valid = { handle: 'anna.k_93', displayName: 'Anna K', followerCount: 12000, categories: ['beauty', 'fitness'], idempotencyKey: 'key-12345678' };

describe('validateRegisterCreator', () => {
  it('accepts a valid creator', () => {
    expect(validateRegisterCreator(valid)).toEqual([]);
  });

  it.each(['a', 'x'.repeat(31), 'Anna', 'anna k', 'anna-k', 'änna', ''])('refuses the handle %p', (handle) => {
    expect(validateRegisterCreator({ ...valid, handle }).map((p) => p.field)).toEqual(['handle']);
  });

  it('accepts handles of 2 and 30 characters', () => {
    expect(validateRegisterCreator({ ...valid, handle: 'ab' })).toEqual([]);
    expect(validateRegisterCreator({ ...valid, handle: 'a'.repeat(30) })).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validateRegisterCreator({ handle: 'A', displayName: ' ', followerCount: -1, categories: ['x', 'x', ''], idempotencyKey: 'short' });
    expect(problems.map((p) => p.field).sort()).toEqual(['categories[1]', 'categories[2]', 'displayName', 'followerCount', 'handle', 'idempotencyKey'].sort());
  });

  it('refuses a fractional follower count and too many categories', () => {
    const problems = validateRegisterCreator({ ...valid, followerCount: 1.5, categories: Array.from({ length: 21 }, (_, i) => `c${i}`) });
    expect(problems.map((p) => p.field)).toEqual(['followerCount', 'categories']);
  });
});

describe('handle search', () => {
  it('normalizes case and blanks', () => {
    expect(normalizeHandleSearch(' Anna ')).toEqual({ prefix: 'anna', problems: [] });
    expect(normalizeHandleSearch('  ')).toEqual({ prefix: null, problems: [] });
    expect(normalizeHandleSearch(null)).toEqual({ prefix: null, problems: [] });
  });

  it('refuses what cannot start a handle', () => {
    expect(normalizeHandleSearch('an%').problems.map((p) => p.field)).toEqual(['search']);
  });

  it('escapes LIKE wildcards so "_" matches only itself', () => {
    expect(handlePrefixPattern('a_b.c')).toBe('a\\_b.c%');
  });
});
