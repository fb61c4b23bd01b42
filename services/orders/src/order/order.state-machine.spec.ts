import { ActorType } from '@sc/events';
import { ORDER_ACTIONS, ORDER_TRANSITIONS, canTransition, nextOrderStatus } from './order.state-machine';
import { OrderStatus } from './order-status';

const ACTORS: ActorType[] = ['BUYER', 'SELLER_STAFF', 'SYSTEM', 'CARRIER', 'PLATFORM', 'CREATOR'];
const S = OrderStatus;

describe('order state machine', () => {
  it('confirms or rejects a pending order only by the system', () => {
    expect(nextOrderStatus(S.PENDING, 'confirmStock', 'SYSTEM')).toBe(S.UNPAID);
    expect(nextOrderStatus(S.PENDING, 'rejectForStock', 'SYSTEM')).toBe(S.CANCELLED);
    expect(canTransition(S.PENDING, 'confirmStock', 'BUYER')).toBe(false);
  });

  it('walks the happy path with the right actor at each step', () => {
    const path: Array<[OrderAction: Parameters<typeof nextOrderStatus>[1], ActorType, OrderStatus]> = [
      ['confirmStock', 'SYSTEM', S.UNPAID],
      ['pay', 'BUYER', S.ON_HOLD],
      ['releaseHold', 'SYSTEM', S.AWAITING_SHIPMENT],
      ['createPackage', 'SELLER_STAFF', S.AWAITING_SHIPMENT],
      ['shipPackage', 'SELLER_STAFF', S.PARTIALLY_SHIPPING],
      ['shipLastPackage', 'SELLER_STAFF', S.AWAITING_COLLECTION],
      ['markInTransit', 'CARRIER', S.IN_TRANSIT],
      ['deliverLastPackage', 'CARRIER', S.DELIVERED],
      ['complete', 'SYSTEM', S.COMPLETED],
    ];
    let status = S.PENDING;
    for (const [action, actor, to] of path) {
      status = nextOrderStatus(status, action, actor);
      expect(status).toBe(to);
    }
  });

  it('lets the buyer cancel alone only while UNPAID or ON_HOLD, and never ships an ON_HOLD order', () => {
    expect(nextOrderStatus(S.ON_HOLD, 'buyerCancel', 'BUYER')).toBe(S.CANCELLED);
    expect(nextOrderStatus(S.UNPAID, 'buyerCancel', 'BUYER')).toBe(S.CANCELLED);
    expect(canTransition(S.AWAITING_SHIPMENT, 'buyerCancel', 'BUYER')).toBe(false);
    for (const action of ['createPackage', 'shipPackage', 'shipLastPackage'] as const) expect(canTransition(S.ON_HOLD, action, 'SELLER_STAFF')).toBe(false);
  });

  it('refuses every (status, action, actor) not in the table with INVALID_TRANSITION', () => {
    let refused = 0;
    for (const status of Object.values(S)) {
      for (const action of ORDER_ACTIONS) {
        for (const actor of ACTORS) {
          if (ORDER_TRANSITIONS.some((t) => t.from === status && t.action === action && t.actors.includes(actor))) continue;
          refused += 1;
          expect(() => nextOrderStatus(status, action, actor)).toThrow(
            expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }) }),
          );
        }
      }
    }
    expect(refused).toBe(Object.values(S).length * ORDER_ACTIONS.length * ACTORS.length - ORDER_TRANSITIONS.length);
  });

  it('at the auto-cancel deadline of a partially shipped order cancels only the rest, following the shipped packages', () => {
    expect(nextOrderStatus(S.PARTIALLY_SHIPPING, 'autoCancelUnshippedLines', 'SYSTEM')).toBe(S.AWAITING_COLLECTION);
    expect(nextOrderStatus(S.PARTIALLY_SHIPPING, 'autoCancelUnshippedLinesInTransit', 'SYSTEM')).toBe(S.IN_TRANSIT);
    expect(nextOrderStatus(S.PARTIALLY_SHIPPING, 'autoCancelUnshippedLinesDelivered', 'SYSTEM')).toBe(S.DELIVERED);
    expect(canTransition(S.PARTIALLY_SHIPPING, 'autoCancelUnshipped', 'SYSTEM')).toBe(false);
    expect(canTransition(S.PARTIALLY_SHIPPING, 'autoCancelUnshippedLines', 'SELLER_STAFF')).toBe(false);
  });

  it('keeps the order awaiting shipment when a line-level request is approved, by the seller or the 24 h timer', () => {
    expect(nextOrderStatus(S.AWAITING_SHIPMENT, 'approveLineCancellation', 'SELLER_STAFF')).toBe(S.AWAITING_SHIPMENT);
    expect(nextOrderStatus(S.AWAITING_SHIPMENT, 'autoApproveLineCancellation', 'SYSTEM')).toBe(S.AWAITING_SHIPMENT);
    expect(canTransition(S.AWAITING_SHIPMENT, 'approveLineCancellation', 'BUYER')).toBe(false);
    expect(canTransition(S.PARTIALLY_SHIPPING, 'approveLineCancellation', 'SELLER_STAFF')).toBe(false);
  });

  it('has no way out of the terminal statuses', () => {
    expect(ORDER_TRANSITIONS.filter((t) => t.from === S.CANCELLED || t.from === S.COMPLETED)).toEqual([]);
  });

  it('lists exactly one actor per transition', () => {
    for (const t of ORDER_TRANSITIONS) expect(t.actors).toHaveLength(1);
  });
});
