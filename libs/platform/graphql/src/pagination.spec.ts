import { decodeCursor, encodeCursor, readPageArgs, toConnection } from './pagination';

describe('pagination', () => {
  const id = 'prd_0mfx1a2b30123456789abcdef';

  it('round-trips a keyset position through an opaque cursor', () => {
    expect(decodeCursor(encodeCursor(id))).toBe(id);
    expect(encodeCursor(id)).not.toContain('prd_');
  });

  it('refuses cursors it did not make', () => {
    expect(() => decodeCursor('bm90LWEtY3Vyc29y')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_FAILED' }) }));
  });

  it.each([0, -1, 101, 2.5])('refuses page size %s', (first) => {
    expect(() => readPageArgs({ first })).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'VALIDATION_FAILED' }) }));
  });

  it('applies a per-list maximum with the same error', () => {
    expect(readPageArgs({ first: 200 }, 200).limit).toBe(200);
    expect(() => readPageArgs({ first: 201 }, 200)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'VALIDATION_FAILED', fields: [{ field: 'first', message: 'must be between 1 and 200' }] }),
      }),
    );
    expect(() => readPageArgs({ first: 101 })).toThrow(expect.objectContaining({ message: expect.any(String) }));
  });

  it('reports a next page only when the extra row exists', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(toConnection(rows, 2).pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor('b') });
    expect(toConnection(rows, 3).pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor('c') });
    expect(toConnection([], 3).pageInfo).toEqual({ hasNextPage: false, endCursor: null });
  });
});
