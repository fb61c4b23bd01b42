import { registerEnumType } from '@nestjs/graphql';

/**
 * What the buyer asks for (domain §B.3). REPLACEMENT comes with the replacement workflow; until then a
 * request is either a refund where the buyer keeps the items or a return followed by a refund.
 */
export enum ReturnType {
  /** Refund only: the buyer keeps the items, nothing is shipped back or restocked. */
  REFUND = 'REFUND',
  /** The buyer ships the items back; the refund follows the seller's receipt. */
  RETURN_AND_REFUND = 'RETURN_AND_REFUND',
}

registerEnumType(ReturnType, { name: 'ReturnType', description: 'Refund only (buyer keeps the items) or return and refund.' });
