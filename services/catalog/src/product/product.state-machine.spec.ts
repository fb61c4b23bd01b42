import { ActorType } from '@sc/events';
import { ProductStatus as S } from './product-status';
import { PRODUCT_TRANSITIONS, ProductAction, ProductFrom, canTransitionProduct, isSellable, nextProductStatus } from './product.state-machine';

const ALLOWED: Array<[ProductFrom, ProductAction, ActorType, S]> = [
  ['NEW', 'createDraft', 'SELLER_STAFF', S.DRAFT],
  ['NEW', 'createListing', 'SELLER_STAFF', S.PENDING],
  [S.DRAFT, 'submit', 'SELLER_STAFF', S.PENDING],
  [S.FAILED, 'submit', 'SELLER_STAFF', S.PENDING],
  [S.PLATFORM_DEACTIVATED, 'submit', 'SELLER_STAFF', S.PENDING],
  [S.DRAFT, 'edit', 'SELLER_STAFF', S.DRAFT],
  [S.FAILED, 'edit', 'SELLER_STAFF', S.FAILED],
  [S.PLATFORM_DEACTIVATED, 'edit', 'SELLER_STAFF', S.PLATFORM_DEACTIVATED],
  [S.ACTIVATE, 'editLive', 'SELLER_STAFF', S.ACTIVATE],
  [S.SELLER_DEACTIVATED, 'editLive', 'SELLER_STAFF', S.SELLER_DEACTIVATED],
  [S.DRAFT, 'updatePrices', 'SELLER_STAFF', S.DRAFT],
  [S.PENDING, 'updatePrices', 'SELLER_STAFF', S.PENDING],
  [S.FAILED, 'updatePrices', 'SELLER_STAFF', S.FAILED],
  [S.ACTIVATE, 'updatePrices', 'SELLER_STAFF', S.ACTIVATE],
  [S.SELLER_DEACTIVATED, 'updatePrices', 'SELLER_STAFF', S.SELLER_DEACTIVATED],
  [S.PLATFORM_DEACTIVATED, 'updatePrices', 'SELLER_STAFF', S.PLATFORM_DEACTIVATED],
  [S.PENDING, 'approve', 'PLATFORM', S.ACTIVATE],
  [S.PENDING, 'reject', 'PLATFORM', S.FAILED],
  [S.ACTIVATE, 'approveRevision', 'PLATFORM', S.ACTIVATE],
  [S.SELLER_DEACTIVATED, 'approveRevision', 'PLATFORM', S.SELLER_DEACTIVATED],
  [S.ACTIVATE, 'rejectRevision', 'PLATFORM', S.ACTIVATE],
  [S.SELLER_DEACTIVATED, 'rejectRevision', 'PLATFORM', S.SELLER_DEACTIVATED],
  [S.SELLER_DEACTIVATED, 'activate', 'SELLER_STAFF', S.ACTIVATE],
  [S.ACTIVATE, 'deactivate', 'SELLER_STAFF', S.SELLER_DEACTIVATED],
  [S.ACTIVATE, 'platformDeactivate', 'PLATFORM', S.PLATFORM_DEACTIVATED],
  [S.SELLER_DEACTIVATED, 'platformDeactivate', 'PLATFORM', S.PLATFORM_DEACTIVATED],
  ...[S.DRAFT, S.PENDING, S.FAILED, S.ACTIVATE, S.SELLER_DEACTIVATED, S.PLATFORM_DEACTIVATED].map((from): [ProductFrom, ProductAction, ActorType, S] => [
    from,
    'freeze',
    'PLATFORM',
    S.FREEZE,
  ]),
  [S.DRAFT, 'delete', 'SELLER_STAFF', S.DELETED],
  [S.FAILED, 'delete', 'SELLER_STAFF', S.DELETED],
  [S.SELLER_DEACTIVATED, 'delete', 'SELLER_STAFF', S.DELETED],
  [S.ACTIVATE, 'delete', 'SELLER_STAFF', S.DELETED],
  [S.DELETED, 'recover', 'SELLER_STAFF', S.SELLER_DEACTIVATED],
];

const FROMS: ProductFrom[] = ['NEW', ...Object.values(S)];
const ACTIONS: ProductAction[] = [...new Set(PRODUCT_TRANSITIONS.map((t) => t.action))];
const ACTORS: ActorType[] = ['SELLER_STAFF', 'PLATFORM', 'SYSTEM', 'BUYER'];

describe('product state machine', () => {
  it.each(ALLOWED)('%s --%s by %s--> %s', (from, action, actor, to) => {
    expect(nextProductStatus(from, action, actor)).toBe(to);
  });

  it('allows exactly the transitions listed above and nothing else', () => {
    expect(PRODUCT_TRANSITIONS.flatMap((t) => t.actors.map((a) => `${t.from}|${t.action}|${a}|${t.to}`)).sort()).toEqual(
      ALLOWED.map(([f, ac, a, t]) => `${f}|${ac}|${a}|${t}`).sort(),
    );
  });

  it('refuses every other combination of status, action and actor with INVALID_TRANSITION', () => {
    const allowed = new Set(ALLOWED.map(([f, ac, a]) => `${f}|${ac}|${a}`));
    let refused = 0;
    for (const from of FROMS) {
      for (const action of ACTIONS) {
        for (const actor of ACTORS) {
          if (allowed.has(`${from}|${action}|${actor}`)) continue;
          expect(canTransitionProduct(from, action, actor)).toBe(false);
          expect(() => nextProductStatus(from, action, actor)).toThrow(
            expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }) }),
          );
          refused += 1;
        }
      }
    }
    expect(refused).toBeGreaterThan(500);
  });

  it.each([
    [S.FREEZE, 'edit'],
    [S.FREEZE, 'submit'],
    [S.FREEZE, 'activate'],
    [S.FREEZE, 'delete'],
    [S.FREEZE, 'freeze'],
    [S.DELETED, 'freeze'],
    [S.DELETED, 'activate'],
    [S.PENDING, 'delete'],
    [S.PLATFORM_DEACTIVATED, 'activate'],
    [S.PENDING, 'activate'],
    [S.DRAFT, 'approve'],
    [S.ACTIVATE, 'submit'],
    [S.ACTIVATE, 'recover'],
  ] as Array<[S, ProductAction]>)('refuses %s → %s for anyone', (from, action) => {
    for (const actor of ACTORS) expect(canTransitionProduct(from, action, actor)).toBe(false);
  });

  it('lets sellers never approve and the platform never act as seller', () => {
    expect(canTransitionProduct(S.PENDING, 'approve', 'SELLER_STAFF')).toBe(false);
    expect(canTransitionProduct(S.ACTIVATE, 'deactivate', 'PLATFORM')).toBe(false);
  });

  it('makes only ACTIVATE sellable', () => {
    expect(Object.values(S).filter(isSellable)).toEqual([S.ACTIVATE]);
  });
});
