import { distributeOverLines, sumBySku } from './order-lines';

describe('order line arithmetic', () => {
  it('sums the same SKU across lines, in SKU order', () => {
    expect(
      sumBySku([
        { skuId: 'b', quantity: 2 },
        { skuId: 'a', quantity: 1 },
        { skuId: 'b', quantity: 3 },
      ]),
    ).toEqual([
      { skuId: 'a', quantity: 1 },
      { skuId: 'b', quantity: 5 },
    ]);
  });

  it('spreads moved units over lines without exceeding either', () => {
    const lines = [
      { orderLineId: 'l1', skuId: 's', quantity: 2 },
      { orderLineId: 'l2', skuId: 's', quantity: 3 },
      { orderLineId: 'l3', skuId: 't', quantity: 1 },
    ];
    expect(distributeOverLines(lines, [{ skuId: 's', warehouseId: 'w', quantity: 4 }])).toEqual([
      { orderLineId: 'l1', skuId: 's', warehouseId: 'w', quantity: 2 },
      { orderLineId: 'l2', skuId: 's', warehouseId: 'w', quantity: 2 },
    ]);
  });

  it('splits a line across warehouses when its SKU moved from two', () => {
    const moved = [
      { skuId: 's', warehouseId: 'w1', quantity: 1 },
      { skuId: 's', warehouseId: 'w2', quantity: 5 },
    ];
    expect(distributeOverLines([{ orderLineId: 'l1', skuId: 's', quantity: 3 }], moved)).toEqual([
      { orderLineId: 'l1', skuId: 's', warehouseId: 'w1', quantity: 1 },
      { orderLineId: 'l1', skuId: 's', warehouseId: 'w2', quantity: 2 },
    ]);
  });
});
