import { summedBySku } from './reservation.service';

describe('reservation requests', () => {
  it('sums quantities of the same SKU across lines and orders SKUs to avoid deadlocks', () => {
    const line = (orderLineId: string, skuId: string, quantity: number) => ({
      orderLineId,
      skuId,
      quantity,
      productId: 'prd_1',
      unitPrice: { amountMinor: '1', currencyCode: 'USD' },
    });
    expect(summedBySku([line('oln_1', 'sku_b', 2), line('oln_2', 'sku_a', 1), line('oln_3', 'sku_b', 3)])).toEqual([
      { skuId: 'sku_a', quantity: 1 },
      { skuId: 'sku_b', quantity: 5 },
    ]);
  });
});
