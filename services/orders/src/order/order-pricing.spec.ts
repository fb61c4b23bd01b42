import { priceLines } from './order-pricing';
import { SkuPriceEntity } from '../projections/sku-price.entity';

const price = (skuId: string, priceMinor: string, currencyCode = 'USD'): SkuPriceEntity =>
  Object.assign(new SkuPriceEntity(), {
    skuId,
    productId: `prd_${skuId}`,
    sellerId: 'shp_1',
    priceMinor,
    currencyCode,
    sourceEventId: 'x',
    updatedAt: new Date('2026-01-01T00:00:00Z'),
  });

describe('order pricing', () => {
  it('multiplies and sums exactly in minor units, beyond 2^53', () => {
    const result = priceLines(
      [
        { skuId: 'sku_a', quantity: 3 },
        { skuId: 'sku_b', quantity: 999 },
      ],
      [price('sku_a', '1999'), price('sku_b', '900719925474099')],
    );
    expect(result.lines.map((l) => l.lineTotalMinor)).toEqual([5997n, 899819205548624901n]);
    expect(result.totalMinor).toBe(899819205548630898n);
    expect(result.currencyCode).toBe('USD');
  });

  it('treats a SKU missing from the shop as NOT_FOUND', () => {
    expect(() => priceLines([{ skuId: 'sku_x', quantity: 1 }], [price('sku_a', '100')])).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) }),
    );
  });

  it('refuses lines in different currencies', () => {
    expect(() =>
      priceLines(
        [
          { skuId: 'sku_a', quantity: 1 },
          { skuId: 'sku_b', quantity: 1 },
        ],
        [price('sku_a', '1'), price('sku_b', '1', 'EUR')],
      ),
    ).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'CURRENCY_MISMATCH' }) }));
  });
});
