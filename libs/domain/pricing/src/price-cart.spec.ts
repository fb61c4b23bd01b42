import { priceCart } from './price-cart';
import type { CartLine, Coupon, FlashDeal, PricingInput, ProductDiscount, Promotion, ShippingOffer, Tier } from './pricing.types';

const AT = new Date('2026-12-04T12:00:00.000Z');
const window = { startsAt: new Date('2026-12-01T00:00:00.000Z'), endsAt: new Date('2026-12-10T00:00:00.000Z') };
const line = (key: string, listUnit: number, quantity = 1, productId = 'prd_1', skuId = `sku_${key}`): CartLine => ({
  key,
  skuId,
  productId,
  quantity,
  listUnitMinor: BigInt(listUnit),
});
const percent = (promotionId: string, bp: number, productId = 'prd_1'): ProductDiscount => ({
  layer: 'PRODUCT_DISCOUNT',
  promotionId,
  funder: 'SELLER',
  ...window,
  items: [{ productId, offer: { percentOffBp: bp } }],
});
const flash = (promotionId: string, skuId: string, dealUnit: number, remaining: number | null = null, buyerRemaining: number | null = null): FlashDeal => ({
  layer: 'FLASH_DEAL',
  promotionId,
  funder: 'SELLER',
  ...window,
  items: [{ skuId, dealUnitMinor: BigInt(dealUnit), remaining, buyerRemaining }],
});
const coupon = (promotionId: string, off: { amount: number } | { bp: number; max?: number }, minSpend = 0, extra: Partial<Coupon> = {}): Coupon => ({
  layer: 'COUPON',
  promotionId,
  funder: 'SELLER',
  ...window,
  productIds: null,
  minSpendMinor: BigInt(minSpend),
  discount:
    'amount' in off ? { amountOffMinor: BigInt(off.amount) } : { percentOffBp: off.bp, maxDiscountMinor: off.max === undefined ? null : BigInt(off.max) },
  remaining: null,
  ...extra,
});
const price = (lines: CartLine[], promotions: Promotion[], extra: Partial<PricingInput> = {}) =>
  priceCart({ currencyCode: 'USD', lines, promotions, shippingFeeMinor: 0n, at: AT, ...extra });

describe('priceCart', () => {
  describe('the acceptance case: 10000 list, product discounts of 10 % and 20 %, a seller coupon of 500 off 5000', () => {
    const discounts = [percent('prm_10', 1000), percent('prm_20', 2000)];
    const couponOff = coupon('cpn_500', { amount: 500 }, 5000);

    it('charges 8000 without the coupon, the 10 % listed as skipped for the higher discount', () => {
      const priced = price([line('a', 10_000)], discounts);
      expect(priced.totalMinor).toBe(8000n);
      expect(priced.lines[0].layers).toEqual([{ layer: 'PRODUCT_DISCOUNT', promotionId: 'prm_20', funder: 'SELLER', amountMinor: 2000n }]);
      expect(priced.skipped).toEqual([{ promotionId: 'prm_10', layer: 'PRODUCT_DISCOUNT', reason: 'SUPERSEDED_BY_HIGHER_DISCOUNT', lineKey: 'a' }]);
    });

    it('charges 7500 with the coupon, every layer naming its funder', () => {
      const priced = price([line('a', 10_000)], [...discounts, couponOff]);
      expect(priced.totalMinor).toBe(7500n);
      expect(priced.lines[0].layers.map((l) => [l.layer, l.promotionId, l.funder, l.amountMinor])).toEqual([
        ['PRODUCT_DISCOUNT', 'prm_20', 'SELLER', 2000n],
        ['COUPON', 'cpn_500', 'SELLER', 500n],
      ]);
      expect(priced.discountByFunder).toEqual({ SELLER: 2500n, PLATFORM: 0n });
    });

    it('charges 6500 once a flash deal at 7000 prices the SKU, both product discounts superseded by it', () => {
      const priced = price([line('a', 10_000)], [...discounts, couponOff, flash('fls_7000', 'sku_a', 7000)]);
      expect(priced.totalMinor).toBe(6500n);
      expect(priced.lines[0].layers.map((l) => [l.layer, l.amountMinor])).toEqual([
        ['FLASH_DEAL', 3000n],
        ['COUPON', 500n],
      ]);
      expect(priced.skipped.map((s) => [s.promotionId, s.reason])).toEqual([
        ['prm_10', 'SUPERSEDED_BY_FLASH_DEAL'],
        ['prm_20', 'SUPERSEDED_BY_FLASH_DEAL'],
      ]);
    });
  });

  it.each([
    // [case, lines, promotions, expected total, expected skip reasons]
    ['list price without promotions', [line('a', 2500, 2)], [], 5000n, []],
    ['a fixed product price', [line('a', 2500, 2)], [{ ...percent('p', 0), items: [{ productId: 'prd_1', offer: { fixedUnitMinor: 1999n } }] }], 3998n, []],
    [
      'a fixed price above list is no discount',
      [line('a', 2500)],
      [{ ...percent('p', 0), items: [{ productId: 'prd_1', offer: { fixedUnitMinor: 3000n } }] }],
      2500n,
      ['NOT_APPLICABLE'],
    ],
    [
      "a SKU's own item wins over its product's",
      [line('a', 1000)],
      [
        {
          ...percent('p', 0),
          items: [
            { productId: 'prd_1', offer: { percentOffBp: 5000 } },
            { productId: 'prd_1', skuId: 'sku_a', offer: { percentOffBp: 1000 } },
          ],
        },
      ],
      900n,
      [],
    ],
    ['a percentage computed per unit, half to even', [line('a', 25, 4)], [percent('p', 1000)], 92n, []], // 2.5 → 2 per unit
    [
      'price floor of one minor unit per unit',
      [line('a', 100, 3)],
      [{ ...percent('p', 0), items: [{ productId: 'prd_1', offer: { fixedUnitMinor: 0n } }] }],
      3n,
      [],
    ],
    ['a coupon larger than the spend stops at the floor', [line('a', 300, 2)], [coupon('c', { amount: 10_000 })], 2n, []],
    ['min spend judged after item discounts', [line('a', 6000)], [percent('p', 2000), coupon('c', { amount: 500 }, 5000)], 4800n, ['MIN_SPEND_NOT_MET']],
    ['a percentage coupon capped at its maximum', [line('a', 10_000)], [coupon('c', { bp: 5000, max: 1000 })], 9000n, []],
    ['one seller coupon: the best of two', [line('a', 10_000)], [coupon('c1', { amount: 300 }), coupon('c2', { bp: 1000 })], 9000n, ['NOT_STACKABLE']],
    [
      'a seller and a platform coupon stack',
      [line('a', 10_000)],
      [coupon('c1', { amount: 300 }), coupon('c2', { amount: 700 }, 0, { funder: 'PLATFORM' })],
      9000n,
      [],
    ],
    ['a coupon with no redemptions left', [line('a', 10_000)], [coupon('c', { amount: 300 }, 0, { remaining: 0 })], 10_000n, ['LIMIT_REACHED']],
    ['a coupon for other products', [line('a', 10_000)], [coupon('c', { amount: 300 }, 0, { productIds: ['prd_other'] })], 10_000n, []],
    ['a sold-out flash deal falls back to the product discount', [line('a', 10_000)], [percent('p', 2000), flash('f', 'sku_a', 7000, 0)], 8000n, ['SOLD_OUT']],
    ['a buyer past the flash limit', [line('a', 10_000)], [flash('f', 'sku_a', 7000, 10, 0)], 10_000n, ['LIMIT_REACHED']],
    ['the lower of two flash deals', [line('a', 10_000)], [flash('f1', 'sku_a', 7000), flash('f2', 'sku_a', 6000)], 6000n, ['SUPERSEDED_BY_HIGHER_DISCOUNT']],
  ] as Array<[string, CartLine[], Promotion[], bigint, string[]]>)('%s', (_case, lines, promotions, total, reasons) => {
    const priced = price(lines, promotions);
    expect(priced.totalMinor).toBe(total);
    expect(priced.skipped.map((s) => s.reason)).toEqual(reasons);
  });

  it('prices units past the flash limit at the next best price (pinned), and says how many the deal priced', () => {
    const priced = price([line('a', 10_000, 3)], [percent('p', 2000), flash('f', 'sku_a', 7000, 100, 2)]);
    expect(priced.lines[0].flashUnits).toBe(2);
    expect(priced.lines[0].layers.map((l) => [l.layer, l.amountMinor])).toEqual([
      ['FLASH_DEAL', 6000n],
      ['PRODUCT_DISCOUNT', 2000n],
    ]);
    expect(priced.totalMinor).toBe(7000n * 2n + 8000n);
  });

  it('applies a promotion from its start (inclusive) to its end (exclusive)', () => {
    const discount = percent('p', 2000);
    const at = (iso: string) => price([line('a', 10_000)], [discount], { at: new Date(iso) });
    expect(at('2026-11-30T23:59:59.999Z').totalMinor).toBe(10_000n);
    expect(at('2026-11-30T23:59:59.999Z').skipped.map((s) => s.reason)).toEqual(['NOT_STARTED']);
    expect(at('2026-12-01T00:00:00.000Z').totalMinor).toBe(8000n);
    expect(at('2026-12-09T23:59:59.999Z').totalMinor).toBe(8000n);
    expect(at('2026-12-10T00:00:00.000Z').totalMinor).toBe(10_000n);
    expect(at('2026-12-10T00:00:01.000Z').skipped.map((s) => s.reason)).toEqual(['ENDED']);
  });

  it('allocates an order-level discount across lines by largest remainder, exactly', () => {
    const priced = price([line('a', 3333, 1, 'prd_1'), line('b', 3333, 1, 'prd_2'), line('c', 3333, 1, 'prd_3')], [coupon('c', { amount: 1000 })]);
    expect(priced.lines.map((l) => l.layers[0].amountMinor)).toEqual([334n, 333n, 333n]);
    expect(priced.subtotalMinor).toBe(9999n - 1000n);
    expect(priced.applied).toEqual([{ layer: 'COUPON', promotionId: 'c', funder: 'SELLER', amountMinor: 1000n }]);
  });

  it('takes the highest tier reached off the lines no flash deal prices', () => {
    const tier: Tier = {
      layer: 'TIER',
      promotionId: 'bmsm',
      funder: 'SELLER',
      ...window,
      productIds: ['prd_1'],
      tiers: [
        { minQuantity: 2, percentOffBp: 500 },
        { minQuantity: 3, percentOffBp: 1000 },
      ],
    };
    expect(price([line('a', 1000, 3)], [tier]).totalMinor).toBe(2700n);
    expect(price([line('a', 1000, 2)], [tier]).totalMinor).toBe(1900n);
    expect(price([line('a', 1000, 1)], [tier]).skipped.map((s) => s.reason)).toEqual(['MIN_QUANTITY_NOT_MET']);
    const withFlash = price([line('a', 1000, 3)], [tier, flash('f', 'sku_a', 800)]);
    expect(withFlash.totalMinor).toBe(2400n);
    expect(withFlash.skipped.map((s) => s.reason)).toEqual(['SUPERSEDED_BY_FLASH_DEAL']);
  });

  it('takes the best shipping offer off the fee once the spend after every discount reaches its minimum', () => {
    const free: ShippingOffer = { layer: 'SHIPPING_OFFER', promotionId: 'free', funder: 'SELLER', ...window, minSpendMinor: 5000n, amountOffMinor: null };
    const half: ShippingOffer = { ...free, promotionId: 'half', minSpendMinor: 0n, amountOffMinor: 250n };
    const fee = { shippingFeeMinor: 500n };
    expect(price([line('a', 6000)], [free, half], fee)).toMatchObject({ totalMinor: 6000n, shippingDiscount: { promotionId: 'free', amountMinor: 500n } });
    const below = price([line('a', 6000)], [free, half, coupon('c', { amount: 1500 })], fee);
    expect(below).toMatchObject({ totalMinor: 4500n + 250n, shippingDiscount: { promotionId: 'half' } });
    expect(below.skipped.map((s) => [s.promotionId, s.reason])).toEqual([['free', 'MIN_SPEND_NOT_MET']]);
    expect(price([line('a', 6000)], [free], { shippingFeeMinor: 0n }).skipped.map((s) => s.reason)).toEqual(['NOT_APPLICABLE']);
  });

  it('keeps its invariants on random carts: lines add up, every unit at least one minor unit, funders add up, same input same output', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let run = 0; run < 300; run += 1) {
      const lines = Array.from({ length: 1 + random(4) }, (_, i) => line(`l${i}`, 1 + random(20_000), 1 + random(4), `prd_${random(3)}`));
      const promotions: Promotion[] = [
        percent('p1', 1 + random(9_999), `prd_${random(3)}`),
        percent('p2', 1 + random(9_999), `prd_${random(3)}`),
        flash('f', lines[0].skuId, 1 + random(20_000), random(5), random(3) === 0 ? null : random(4)),
        coupon('c1', { amount: random(30_000) }, random(20_000)),
        coupon('c2', { bp: 1 + random(9_999), max: random(5000) }, random(10_000), { funder: 'PLATFORM' }),
      ];
      const input: PricingInput = { currencyCode: 'USD', lines, promotions, shippingFeeMinor: BigInt(random(1000)), at: AT };
      const priced = priceCart(input);
      expect(priced).toEqual(priceCart(input));
      expect(priced.lines.reduce((s, l) => s + l.totalMinor, 0n)).toBe(priced.subtotalMinor);
      for (const l of priced.lines) {
        expect(l.totalMinor).toBeGreaterThanOrEqual(BigInt(l.quantity));
        expect(l.listTotalMinor - l.layers.reduce((s, x) => s + x.amountMinor, 0n)).toBe(l.totalMinor);
      }
      expect(priced.discountByFunder.SELLER + priced.discountByFunder.PLATFORM).toBe(priced.discountMinor);
      expect(priced.totalMinor).toBe(priced.subtotalMinor + priced.shippingFeeMinor - (priced.shippingDiscount?.amountMinor ?? 0n));
    }
  });
});
