import { CreatePromotionInput, CreateTieredPromotionInput } from './create-promotion.input';
import { validateCreatePromotion, validateCreateTieredPromotion } from './create-promotion.validation';
import { validateDeactivatePromotion } from './deactivate-promotion.validation';

const now = new Date('2026-03-01T12:00:00.000Z');
const minutes = (n: number) => n * 60 * 1000;
const days = (n: number) => n * 24 * 60 * 60 * 1000;
const offset = (ms: number) => new Date(now.getTime() + ms);

const valid = (overrides: Partial<CreatePromotionInput> = {}): CreatePromotionInput => ({
  title: 'Spring sale',
  discountBasisPoints: 1500,
  productIds: ['prd_0000000001a1b2c3d4e5f6a7b8', 'prd_0000000002a1b2c3d4e5f6a7b8'],
  startsAt: now,
  endsAt: offset(days(7)),
  idempotencyKey: 'key-0123456789',
  ...overrides,
});
const fields = (input: CreatePromotionInput) => validateCreatePromotion(input, now).map((p) => p.field);

describe('validateCreatePromotion', () => {
  it('accepts a valid promotion, including bounds at their limits', () => {
    expect(fields(valid())).toEqual([]);
    expect(fields(valid({ discountBasisPoints: 100 }))).toEqual([]);
    expect(fields(valid({ discountBasisPoints: 9900 }))).toEqual([]);
    expect(fields(valid({ startsAt: offset(-minutes(5)), endsAt: offset(-minutes(5) + days(365)) }))).toEqual([]);
    expect(fields(valid({ title: 'x'.repeat(100) }))).toEqual([]);
  });

  it.each([
    ['discount 0', { discountBasisPoints: 0 }, 'discountBasisPoints'],
    ['discount 99', { discountBasisPoints: 99 }, 'discountBasisPoints'],
    ['discount 10000', { discountBasisPoints: 10000 }, 'discountBasisPoints'],
    ['a fractional discount', { discountBasisPoints: 150.5 }, 'discountBasisPoints'],
    ['an empty title', { title: '   ' }, 'title'],
    ['a title of 101 characters', { title: 'x'.repeat(101) }, 'title'],
    ['a control character in the title', { title: 'Sale\u0007' }, 'title'],
    ['no products', { productIds: [] }, 'productIds'],
    ['101 products', { productIds: Array.from({ length: 101 }, (_, i) => `prd_${i}`) }, 'productIds'],
    ['a repeated product', { productIds: ['prd_a', 'prd_a'] }, 'productIds'],
    ['a malformed product id', { productIds: ['sku_abc'] }, 'productIds[0]'],
    ['a reversed window', { startsAt: offset(days(2)), endsAt: offset(days(1)) }, 'endsAt'],
    ['an empty window', { startsAt: offset(days(1)), endsAt: offset(days(1)) }, 'endsAt'],
    ['a window over 365 days', { endsAt: offset(days(365) + 1) }, 'endsAt'],
    ['a start over 5 minutes ago', { startsAt: offset(-minutes(5) - 1) }, 'startsAt'],
    ['an invalid start', { startsAt: new Date('nope') }, 'startsAt'],
    ['a short idempotency key', { idempotencyKey: 'k' }, 'idempotencyKey'],
  ])('refuses %s', (_name, overrides, field) => {
    expect(fields(valid(overrides as Partial<CreatePromotionInput>))).toEqual([field]);
  });

  it('reports every problem at once', () => {
    expect(fields(valid({ title: '', discountBasisPoints: 0, productIds: [], endsAt: offset(-days(1)) }))).toEqual([
      'title',
      'discountBasisPoints',
      'productIds',
      'endsAt',
    ]);
  });
});

describe('validateDeactivatePromotion', () => {
  it('accepts a promotion id and a key', () => {
    expect(validateDeactivatePromotion({ promotionId: 'prm_0000000001a1b2c3d4e5f6a7b8', idempotencyKey: 'key-0123456789' })).toEqual([]);
  });

  it('refuses a malformed id and a bad key together', () => {
    expect(validateDeactivatePromotion({ promotionId: 'prd_x', idempotencyKey: '' }).map((p) => p.field)).toEqual(['promotionId', 'idempotencyKey']);
  });
});

describe('validateCreateTieredPromotion', () => {
  const tiered = (tiers: CreateTieredPromotionInput['tiers'], overrides: Partial<CreateTieredPromotionInput> = {}): CreateTieredPromotionInput => {
    const { discountBasisPoints: _unused, ...common } = valid();
    return { ...common, tiers, ...overrides };
  };
  const problems = (input: CreateTieredPromotionInput) => validateCreateTieredPromotion(input, now).map((p) => p.field);

  it('accepts one to five tiers ascending in quantity and discount', () => {
    expect(problems(tiered([{ minQuantity: 2, discountBasisPoints: 500 }]))).toEqual([]);
    expect(problems(tiered([2, 3, 4, 5, 999].map((minQuantity, i) => ({ minQuantity, discountBasisPoints: 500 + i * 100 }))))).toEqual([]);
  });

  it.each([
    ['no tier', [], ['tiers']],
    ['six tiers', [2, 3, 4, 5, 6, 7].map((minQuantity, i) => ({ minQuantity, discountBasisPoints: 500 + i * 100 })), ['tiers']],
    ['a tier of one unit', [{ minQuantity: 1, discountBasisPoints: 500 }], ['tiers[0].minQuantity']],
    ['a discount over 99 %', [{ minQuantity: 2, discountBasisPoints: 9901 }], ['tiers[0].discountBasisPoints']],
    [
      'quantities not ascending',
      [
        { minQuantity: 3, discountBasisPoints: 500 },
        { minQuantity: 3, discountBasisPoints: 800 },
      ],
      ['tiers[1].minQuantity'],
    ],
    [
      'discounts not ascending',
      [
        { minQuantity: 2, discountBasisPoints: 800 },
        { minQuantity: 4, discountBasisPoints: 800 },
      ],
      ['tiers[1].discountBasisPoints'],
    ],
  ] as Array<[string, CreateTieredPromotionInput['tiers'], string[]]>)('refuses %s', (_case, tiers, expected) => {
    expect(problems(tiered(tiers))).toEqual(expected);
  });

  it('applies the rules every promotion shares', () => {
    expect(problems(tiered([{ minQuantity: 2, discountBasisPoints: 500 }], { title: '', productIds: [], endsAt: offset(days(400)) }))).toEqual([
      'title',
      'productIds',
      'endsAt',
    ]);
  });
});
