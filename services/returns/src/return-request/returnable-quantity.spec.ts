import { checkReturnableLines, hasShippedUnits, returnableQuantity } from './returnable-quantity';

const line = (over: Partial<Parameters<typeof returnableQuantity>[0]> = {}) => ({
  orderLineId: 'oln_a',
  ordered: 3,
  shipped: 3,
  cancelled: 0,
  alreadyRequested: 0,
  ...over,
});

describe('returnableQuantity', () => {
  it('is the shipped units not yet requested', () => {
    expect(returnableQuantity(line({ alreadyRequested: 1 }))).toBe(2);
  });

  it('is 0 before anything shipped, whatever was ordered', () => {
    expect(returnableQuantity(line({ shipped: 0 }))).toBe(0);
  });

  it('counts only the shipped part of a partially shipped line', () => {
    expect(returnableQuantity(line({ shipped: 1 }))).toBe(1);
  });

  it('never counts cancelled units, even if a shipment report claims more than is left', () => {
    // 3 ordered, 2 cancelled before shipment, 1 shipped: one unit, not three, and not 1 − 2.
    expect(returnableQuantity(line({ shipped: 1, cancelled: 2 }))).toBe(1);
    expect(returnableQuantity(line({ shipped: 3, cancelled: 2 }))).toBe(1);
    expect(returnableQuantity(line({ shipped: 0, cancelled: 3 }))).toBe(0);
  });

  it('never goes negative when requests over-hold a line', () => {
    expect(returnableQuantity(line({ ordered: 1, shipped: 1, alreadyRequested: 2 }))).toBe(0);
  });
});

describe('hasShippedUnits', () => {
  it('is false until a live unit shipped', () => {
    expect(hasShippedUnits([line({ shipped: 0 }), line({ orderLineId: 'oln_b', shipped: 0 })])).toBe(false);
    expect(hasShippedUnits([line({ shipped: 0 }), line({ orderLineId: 'oln_b', shipped: 1 })])).toBe(true);
    expect(hasShippedUnits([line({ shipped: 2, cancelled: 3 })])).toBe(false);
  });
});

describe('checkReturnableLines', () => {
  const orderLines = [line({ alreadyRequested: 1 }), line({ orderLineId: 'oln_b', ordered: 2, shipped: 1, cancelled: 1 })];

  it('accepts quantities up to the returnable units', () => {
    expect(
      checkReturnableLines(
        [
          { orderLineId: 'oln_a', quantity: 2 },
          { orderLineId: 'oln_b', quantity: 1 },
        ],
        orderLines,
      ),
    ).toEqual([]);
  });

  it('refuses more than shipped minus already requested, and cancelled units', () => {
    expect(
      checkReturnableLines(
        [
          { orderLineId: 'oln_a', quantity: 3 },
          { orderLineId: 'oln_b', quantity: 2 },
        ],
        orderLines,
      ),
    ).toEqual([
      { field: 'lines[0].quantity', message: 'must be at most 2 (the shipped units not yet in a return request)' },
      { field: 'lines[1].quantity', message: 'must be at most 1 (the shipped units not yet in a return request)' },
    ]);
  });

  it('refuses a line that is not part of the order', () => {
    expect(
      checkReturnableLines(
        [
          { orderLineId: 'oln_b', quantity: 1 },
          { orderLineId: 'oln_other', quantity: 1 },
        ],
        orderLines,
      ),
    ).toEqual([{ field: 'lines[1].orderLineId', message: 'is not a line of this order' }]);
  });
});
