import { SkuPriceEntity } from './sku-price.entity';
import { assertSellable } from './product-sellability';

const price = (skuId: string, sellable: boolean) => ({ skuId, sellable }) as SkuPriceEntity;

describe('assertSellable', () => {
  it('accepts SKUs of live products', () => {
    expect(() => assertSellable([price('sku_a', true), price('sku_b', true)])).not.toThrow();
  });

  it('refuses with PRODUCT_NOT_AVAILABLE naming every unsellable SKU', () => {
    expect(() => assertSellable([price('sku_a', true), price('sku_b', false), price('sku_c', false)])).toThrow(
      expect.objectContaining({ extensions: { code: 'PRODUCT_NOT_AVAILABLE', skuIds: ['sku_b', 'sku_c'] } }),
    );
  });
});
