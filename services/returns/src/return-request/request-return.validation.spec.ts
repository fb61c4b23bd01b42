import { validateRequestReturn } from './request-return.validation';
import { RequestReturnInput } from './request-return.input';
import { ReturnReason } from './return-reason';

const valid = (): RequestReturnInput => ({
  orderId: 'ord_0abc123456789abcdef012345',
  reason: ReturnReason.DAMAGED,
  reasonText: null,
  lines: [{ orderLineId: 'oln_0abc123456789abcdef012345', quantity: 1 }],
  idempotencyKey: 'key-0123456789',
});

describe('validateRequestReturn', () => {
  it('accepts a well-formed request', () => {
    expect(validateRequestReturn(valid())).toEqual([]);
  });

  it('reports every problem at once', () => {
    const problems = validateRequestReturn({
      ...valid(),
      orderId: 'prd_x',
      idempotencyKey: 'short',
      lines: [
        { orderLineId: 'oln_a', quantity: 0 },
        { orderLineId: 'oln_a', quantity: 1.5 },
        { orderLineId: 'nope', quantity: 1000 },
      ],
    });
    expect(problems.map((p) => p.field)).toEqual([
      'idempotencyKey',
      'orderId',
      'lines[0].quantity',
      'lines[1].orderLineId',
      'lines[1].quantity',
      'lines[2].orderLineId',
      'lines[2].quantity',
    ]);
    expect(problems.find((p) => p.field === 'lines[1].orderLineId')?.message).toBe('appears more than once');
  });

  it('needs at least one line and at most 50', () => {
    expect(validateRequestReturn({ ...valid(), lines: [] }).map((p) => p.field)).toEqual(['lines']);
    const many = Array.from({ length: 51 }, (_, i) => ({ orderLineId: `oln_line${i}`, quantity: 1 }));
    expect(validateRequestReturn({ ...valid(), lines: many }).map((p) => p.field)).toEqual(['lines']);
  });

  it('needs details for OTHER and bounds the text to 1..500 characters', () => {
    expect(validateRequestReturn({ ...valid(), reason: ReturnReason.OTHER }).map((p) => p.field)).toEqual(['reasonText']);
    expect(validateRequestReturn({ ...valid(), reason: ReturnReason.OTHER, reasonText: 'Colour differs from photos' })).toEqual([]);
    expect(validateRequestReturn({ ...valid(), reasonText: '   ' }).map((p) => p.message)).toEqual(['must not be empty']);
    expect(validateRequestReturn({ ...valid(), reasonText: 'x'.repeat(501) }).map((p) => p.field)).toEqual(['reasonText']);
    expect(validateRequestReturn({ ...valid(), reasonText: 'bad\u0007text' }).map((p) => p.field)).toEqual(['reasonText']);
  });
});
