import { validateCreateCollaboration } from './create-collaboration.validation';

const valid = {
  creatorId: 'crt_0abcdefgh0123456789abcdef',
  productId: 'prd_0abcdefgh0123456789abcdef',
  commissionRateBps: 1500,
  idempotencyKey: 'key-12345678',
};

describe('validateCreateCollaboration', () => {
  it('accepts a valid input', () => {
    expect(validateCreateCollaboration(valid)).toEqual([]);
  });

  it.each([100, 8000])('accepts the bound %i bps', (commissionRateBps) => {
    expect(validateCreateCollaboration({ ...valid, commissionRateBps })).toEqual([]);
  });

  it.each([0, 99, 8001, 9000, -100, 150.5])('refuses %p bps', (commissionRateBps) => {
    expect(validateCreateCollaboration({ ...valid, commissionRateBps }).map((p) => p.field)).toEqual(['commissionRateBps']);
  });

  it('reports every problem at once', () => {
    const problems = validateCreateCollaboration({ creatorId: 'prd_x', productId: 'crt_x', commissionRateBps: 0, idempotencyKey: '' });
    expect(problems.map((p) => p.field)).toEqual(['commissionRateBps', 'idempotencyKey', 'creatorId', 'productId']);
  });
});
