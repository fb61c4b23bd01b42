import { registerEnumType } from '@nestjs/graphql';

/** A refund's lifecycle (domain §B.3, Vendure's refund states). */
export enum RefundStatus {
  /** Issued to the payment provider, not yet settled. */
  PENDING = 'PENDING',
  SETTLED = 'SETTLED',
  FAILED = 'FAILED',
}

registerEnumType(RefundStatus, { name: 'RefundStatus', description: 'Issued (PENDING), then SETTLED or FAILED at the payment provider.' });
