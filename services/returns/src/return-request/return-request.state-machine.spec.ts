import { RETURN_TRANSITIONS, canTransition, initialReturnStatus, nextReturnStatus } from './return-request.state-machine';
import { ReturnStatus as S } from './return-status';

describe('return request state machine', () => {
  it('opens every buyer request as RETURN_OR_REFUND_REQUEST_PENDING', () => {
    expect(initialReturnStatus('BUYER')).toBe(S.RETURN_OR_REFUND_REQUEST_PENDING);
  });

  it('refuses to open a request for actors the table does not list', () => {
    expect(() => initialReturnStatus('CARRIER')).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION' }) }));
  });

  it('follows the return path: approve, ship back, receive, settle', () => {
    let status = nextReturnStatus(S.RETURN_OR_REFUND_REQUEST_PENDING, 'approveReturn', 'SELLER_STAFF');
    status = nextReturnStatus(status, 'shipBack', 'BUYER');
    status = nextReturnStatus(status, 'approveReceivedPackage', 'SYSTEM');
    expect(nextReturnStatus(status, 'settleRefund', 'SYSTEM')).toBe(S.RETURN_OR_REFUND_REQUEST_COMPLETE);
  });

  it('lets the buyer cancel before success only', () => {
    expect(canTransition(S.AWAITING_BUYER_SHIP, 'cancel', 'BUYER')).toBe(true);
    expect(canTransition(S.BUYER_SHIPPED_ITEM, 'cancel', 'BUYER')).toBe(false);
    expect(canTransition(S.RETURN_OR_REFUND_REQUEST_SUCCESS, 'cancel', 'BUYER')).toBe(false);
  });

  it('lets the system close an undecided request when the order is cancelled, never a decided one', () => {
    for (const from of [S.RETURN_OR_REFUND_REQUEST_PENDING, S.AWAITING_BUYER_RESPONSE, S.AWAITING_BUYER_SHIP]) {
      expect(nextReturnStatus(from, 'closeForCancelledOrder', 'SYSTEM')).toBe(S.RETURN_OR_REFUND_REQUEST_CANCEL);
    }
    expect(canTransition(S.RETURN_OR_REFUND_REQUEST_PENDING, 'closeForCancelledOrder', 'BUYER')).toBe(false);
    expect(canTransition(S.BUYER_SHIPPED_ITEM, 'closeForCancelledOrder', 'SYSTEM')).toBe(false);
    expect(canTransition(S.RETURN_OR_REFUND_REQUEST_SUCCESS, 'closeForCancelledOrder', 'SYSTEM')).toBe(false);
  });

  it('refuses a transition by the wrong actor with INVALID_TRANSITION', () => {
    expect(() => nextReturnStatus(S.RETURN_OR_REFUND_REQUEST_PENDING, 'approveReturn', 'BUYER')).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'INVALID_TRANSITION', from: S.RETURN_OR_REFUND_REQUEST_PENDING }) }),
    );
  });

  it('has no transition out of a terminal status and no duplicate rows', () => {
    const terminal = [S.RETURN_OR_REFUND_REQUEST_COMPLETE, S.RETURN_OR_REFUND_REQUEST_CANCEL, S.RETURN_OR_REFUND_REQUEST_CLOSED];
    expect(RETURN_TRANSITIONS.filter((t) => terminal.includes(t.from))).toEqual([]);
    const keys = RETURN_TRANSITIONS.flatMap((t) => t.actors.map((a) => `${t.from}|${t.action}|${a}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
