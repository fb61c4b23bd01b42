import { checkReturnableLines } from './returnable-quantity';

const orderLines = [
  { orderLineId: 'oln_a', ordered: 3, alreadyRequested: 1 },
  { orderLineId: 'oln_b', ordered: 1, alreadyRequested: 0 },
];

describe('checkReturnableLines', () => {
  it('accepts quantities up to the units not yet requested', () => {
    expect(checkReturnableLines([{ orderLineId: 'oln_a', quantity: 2 }, { orderLineId: 'oln_b', quantity: 1 }], orderLines)).toEqual([]);
  });

  it('refuses more than ordered minus already requested', () => {
    expect(checkReturnableLines([{ orderLineId: 'oln_a', quantity: 3 }], orderLines)).toEqual([
      { field: 'lines[0].quantity', message: 'must be at most 2 (the units not yet in a return request)' },
    ]);
  });

  it('refuses a line that is not part of the order', () => {
    expect(checkReturnableLines([{ orderLineId: 'oln_b', quantity: 1 }, { orderLineId: 'oln_other', quantity: 1 }], orderLines)).toEqual([
      { field: 'lines[1].orderLineId', message: 'is not a line of this order' },
    ]);
  });

  it('never reports a negative allowance when requests over-hold a line', () => {
    const [problem] = checkReturnableLines([{ orderLineId: 'oln_a', quantity: 1 }], [{ orderLineId: 'oln_a', ordered: 1, alreadyRequested: 2 }]);
    expect(problem.message).toBe('must be at most 0 (the units not yet in a return request)');
  });
});
