import { TransitionTable } from './transitions';

type S = 'OPEN' | 'CLOSED';
type A = 'close' | 'touch' | 'reopen';

describe('transition table', () => {
  const table = new TransitionTable<S, A>('Thing', [
    { from: 'OPEN', action: 'close', to: 'CLOSED', actors: ['SELLER_STAFF'] },
    { from: 'OPEN', action: 'touch', to: 'OPEN', actors: ['SELLER_STAFF', 'BUYER'] },
    { from: 'CLOSED', action: 'reopen', to: 'OPEN', actors: ['BUYER'] },
  ]);

  it('answers the next status for an allowed actor', () => {
    expect(table.next('OPEN', 'close', 'SELLER_STAFF')).toBe('CLOSED');
    expect(table.next('OPEN', 'touch', 'BUYER')).toBe('OPEN');
  });

  it('refuses a missing row or another actor with INVALID_TRANSITION naming the aggregate', () => {
    expect(() => table.next('CLOSED', 'close', 'SELLER_STAFF')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION', entity: 'Thing', from: 'CLOSED', action: 'close' }) }),
    );
    expect(() => table.next('CLOSED', 'reopen', 'SELLER_STAFF')).toThrow(/Thing in status CLOSED cannot reopen/);
    expect(table.can('OPEN', 'close', 'BUYER')).toBe(false);
    expect(table.can('CLOSED', 'reopen', 'BUYER')).toBe(true);
  });

  it('lists each action once and refuses a table that leads one step to two statuses', () => {
    expect(table.actions).toEqual(['close', 'touch', 'reopen']);
    expect(
      () =>
        new TransitionTable<S, A>('Bad', [
          { from: 'OPEN', action: 'close', to: 'CLOSED', actors: ['SELLER_STAFF'] },
          { from: 'OPEN', action: 'close', to: 'OPEN', actors: ['BUYER'] },
        ]),
    ).toThrow(/leads to both/);
  });

  it('merges the actors of duplicate rows to the same status', () => {
    const merged = new TransitionTable<S, A>('Merged', [
      { from: 'OPEN', action: 'close', to: 'CLOSED', actors: ['SELLER_STAFF'] },
      { from: 'OPEN', action: 'close', to: 'CLOSED', actors: ['PLATFORM'] },
    ]);
    expect(merged.can('OPEN', 'close', 'PLATFORM')).toBe(true);
    expect(merged.can('OPEN', 'close', 'SELLER_STAFF')).toBe(true);
  });
});
