import { ActorType } from '@sc/events';
import { InvalidTransitionError } from '@sc/graphql';
import { Transition, TransitionTable } from '@sc/kit';
import { ReturnStatus as S } from './return-status';

/** Something that can happen to a return request (domain §B.3 decision codes). */
export type ReturnAction =
  | 'approveReturn'
  | 'approveRefund'
  | 'offerPartialRefund'
  | 'acceptPartialRefund'
  | 'rejectPartialRefund'
  | 'reject'
  | 'appealUpheld'
  | 'appealDismissed'
  | 'shipBack'
  | 'approveReceivedPackage'
  | 'rejectReceivedPackage'
  | 'settleRefund'
  | 'cancel'
  | 'closeForCancelledOrder';

/** The status of every new return request. */
export const INITIAL_RETURN_STATUS = S.RETURN_OR_REFUND_REQUEST_PENDING;

/** Who may open a return request: the buyer now; sellers on the buyer's behalf come later. */
export const RETURN_REQUESTERS: readonly ActorType[] = ['BUYER'];

/** Statuses before any refund or return was decided: the request may still be withdrawn or closed. */
export const PRE_SUCCESS = [S.RETURN_OR_REFUND_REQUEST_PENDING, S.AWAITING_BUYER_RESPONSE, S.AWAITING_BUYER_SHIP] as const;

/**
 * Every allowed return transition and who may trigger it; anything else is INVALID_TRANSITION.
 * SYSTEM covers the timers (auto-approve after the seller's deadline, ship-back timeout, auto-receive).
 */
export const RETURN_TRANSITIONS: readonly Transition<S, ReturnAction>[] = [
  { from: S.RETURN_OR_REFUND_REQUEST_PENDING, action: 'approveReturn', to: S.AWAITING_BUYER_SHIP, actors: ['SELLER_STAFF', 'SYSTEM'] },
  { from: S.RETURN_OR_REFUND_REQUEST_PENDING, action: 'approveRefund', to: S.RETURN_OR_REFUND_REQUEST_SUCCESS, actors: ['SELLER_STAFF', 'SYSTEM', 'PLATFORM'] },
  { from: S.RETURN_OR_REFUND_REQUEST_PENDING, action: 'offerPartialRefund', to: S.AWAITING_BUYER_RESPONSE, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_BUYER_RESPONSE, action: 'acceptPartialRefund', to: S.RETURN_OR_REFUND_REQUEST_SUCCESS, actors: ['BUYER'] },
  { from: S.AWAITING_BUYER_RESPONSE, action: 'rejectPartialRefund', to: S.RETURN_OR_REFUND_REQUEST_PENDING, actors: ['BUYER'] },
  { from: S.RETURN_OR_REFUND_REQUEST_PENDING, action: 'reject', to: S.RETURN_OR_REFUND_REQUEST_REJECT, actors: ['SELLER_STAFF'] },
  { from: S.RETURN_OR_REFUND_REQUEST_REJECT, action: 'appealUpheld', to: S.RETURN_OR_REFUND_REQUEST_SUCCESS, actors: ['PLATFORM'] },
  { from: S.RETURN_OR_REFUND_REQUEST_REJECT, action: 'appealDismissed', to: S.RETURN_OR_REFUND_REQUEST_CLOSED, actors: ['PLATFORM', 'SYSTEM'] },
  { from: S.AWAITING_BUYER_SHIP, action: 'shipBack', to: S.BUYER_SHIPPED_ITEM, actors: ['BUYER'] },
  { from: S.AWAITING_BUYER_SHIP, action: 'approveRefund', to: S.RETURN_OR_REFUND_REQUEST_SUCCESS, actors: ['PLATFORM'] },
  { from: S.BUYER_SHIPPED_ITEM, action: 'approveReceivedPackage', to: S.RETURN_OR_REFUND_REQUEST_SUCCESS, actors: ['SELLER_STAFF', 'SYSTEM'] },
  { from: S.BUYER_SHIPPED_ITEM, action: 'rejectReceivedPackage', to: S.REJECT_RECEIVE_PACKAGE, actors: ['SELLER_STAFF'] },
  { from: S.REJECT_RECEIVE_PACKAGE, action: 'appealUpheld', to: S.RETURN_OR_REFUND_REQUEST_SUCCESS, actors: ['PLATFORM'] },
  { from: S.REJECT_RECEIVE_PACKAGE, action: 'appealDismissed', to: S.RETURN_OR_REFUND_REQUEST_CLOSED, actors: ['PLATFORM', 'SYSTEM'] },
  { from: S.RETURN_OR_REFUND_REQUEST_SUCCESS, action: 'settleRefund', to: S.RETURN_OR_REFUND_REQUEST_COMPLETE, actors: ['SYSTEM'] },
  ...PRE_SUCCESS.map((from) => ({ from, action: 'cancel' as const, to: S.RETURN_OR_REFUND_REQUEST_CANCEL, actors: ['BUYER'] as ActorType[] })),
  { from: S.AWAITING_BUYER_SHIP, action: 'cancel', to: S.RETURN_OR_REFUND_REQUEST_CANCEL, actors: ['SYSTEM'] },
  // Orders cancelled the whole order: its cancellation refunds the buyer, so an undecided request must not.
  ...PRE_SUCCESS.map((from) => ({ from, action: 'closeForCancelledOrder' as const, to: S.RETURN_OR_REFUND_REQUEST_CANCEL, actors: ['SYSTEM'] as ActorType[] })),
];

/** The return request's transition table, looked up by (from, action). */
export const RETURN_TABLE = new TransitionTable<S, ReturnAction>('ReturnRequest', RETURN_TRANSITIONS);

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor. */
export const nextReturnStatus = (from: S, action: ReturnAction, actor: ActorType): S => RETURN_TABLE.next(from, action, actor);

/** True when the table allows `action` from `from` for this actor. */
export const canTransition = (from: S, action: ReturnAction, actor: ActorType): boolean => RETURN_TABLE.can(from, action, actor);

/** The status of a new request opened by `actor`; INVALID_TRANSITION for actors who may not open one. */
export function initialReturnStatus(actor: ActorType): S {
  if (!RETURN_REQUESTERS.includes(actor)) throw new InvalidTransitionError('ReturnRequest', 'NONE', 'requestReturn');
  return INITIAL_RETURN_STATUS;
}
