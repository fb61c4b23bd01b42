import { registerEnumType } from '@nestjs/graphql';

/** The marketplace's return request statuses (domain §B.3, TikTok Shop's return states). */
export enum ReturnStatus {
  /** Requested by the buyer, waiting for the seller's decision. */
  RETURN_OR_REFUND_REQUEST_PENDING = 'RETURN_OR_REFUND_REQUEST_PENDING',
  /** Seller offered a partial refund; waiting for the buyer. */
  AWAITING_BUYER_RESPONSE = 'AWAITING_BUYER_RESPONSE',
  /** Return approved; waiting for the buyer to ship the items back. */
  AWAITING_BUYER_SHIP = 'AWAITING_BUYER_SHIP',
  /** The buyer shipped the items back. */
  BUYER_SHIPPED_ITEM = 'BUYER_SHIPPED_ITEM',
  /** The seller refused the received package; goes to arbitration. */
  REJECT_RECEIVE_PACKAGE = 'REJECT_RECEIVE_PACKAGE',
  /** The seller rejected the request; the buyer may appeal. */
  RETURN_OR_REFUND_REQUEST_REJECT = 'RETURN_OR_REFUND_REQUEST_REJECT',
  /** Approved (and, for a return, received); the refund is due. */
  RETURN_OR_REFUND_REQUEST_SUCCESS = 'RETURN_OR_REFUND_REQUEST_SUCCESS',
  /** Refund settled (or replacement shipped). Terminal. */
  RETURN_OR_REFUND_REQUEST_COMPLETE = 'RETURN_OR_REFUND_REQUEST_COMPLETE',
  /** Withdrawn by the buyer or timed out. Terminal. */
  RETURN_OR_REFUND_REQUEST_CANCEL = 'RETURN_OR_REFUND_REQUEST_CANCEL',
  /** Closed by arbitration in the seller's favour. Terminal. */
  RETURN_OR_REFUND_REQUEST_CLOSED = 'RETURN_OR_REFUND_REQUEST_CLOSED',
}

registerEnumType(ReturnStatus, { name: 'ReturnStatus', description: 'Lifecycle status of a return request.' });

/**
 * Statuses that no longer hold any units of the order: the request ended without a return. Every other
 * status (including REJECT, which the buyer may still appeal) counts against the returnable quantity.
 */
export const RELEASED_RETURN_STATUSES: readonly ReturnStatus[] = [ReturnStatus.RETURN_OR_REFUND_REQUEST_CANCEL, ReturnStatus.RETURN_OR_REFUND_REQUEST_CLOSED];
