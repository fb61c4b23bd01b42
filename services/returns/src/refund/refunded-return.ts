import { ReturnAggregate } from '../shared/return-subject';

/** The return request a refund pays back, as far as refund needs it (a `ReturnRequestEntity` is one). */
export interface RefundedReturn extends ReturnAggregate {
  orderId: string;
  buyerId: string;
}
