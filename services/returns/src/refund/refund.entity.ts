import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RefundStatus } from './refund-status';

/** Money going back to the buyer for a return request (or, later, a cancellation); amounts in minor units. */
@Entity({ name: 'refunds' })
export class RefundEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  orderId: string;

  @Column({ type: 'text' })
  buyerId: string;

  @Column({ type: 'text', nullable: true })
  returnRequestId: string | null;

  @Column({ type: 'text', nullable: true })
  cancellationId: string | null;

  @Column({ type: 'char', length: 3 })
  currencyCode: string;

  @Column({ type: 'bigint' })
  subtotalMinor: string;

  @Column({ type: 'bigint' })
  shippingFeeMinor: string;

  @Column({ type: 'bigint' })
  totalMinor: string;

  @Column({ type: 'text' })
  status: RefundStatus;

  @Column({ type: 'timestamptz' })
  issuedAt: Date;
}
