import { ORDER_TRANSITIONS, canTransition, nextOrderStatus } from './order.state-machine';
import { OrderStatus } from './order-status';

describe('order state machine', () => {
  it('confirms or rejects a pending order only by the system', () => {
    expect(nextOrderStatus(OrderStatus.PENDING, 'confirmStock', 'SYSTEM')).toBe(OrderStatus.UNPAID);
    expect(nextOrderStatus(OrderStatus.PENDING, 'rejectForStock', 'SYSTEM')).toBe(OrderStatus.CANCELLED);
    expect(canTransition(OrderStatus.PENDING, 'confirmStock', 'BUYER')).toBe(false);
  });

  it('refuses every transition not in the table with INVALID_TRANSITION', () => {
    for (const status of Object.values(OrderStatus)) {
      for (const action of ['confirmStock', 'rejectForStock'] as const) {
        if (ORDER_TRANSITIONS.some((t) => t.from === status && t.action === action)) continue;
        expect(() => nextOrderStatus(status, action, 'SYSTEM')).toThrow(
          expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }) }),
        );
      }
    }
  });
});
