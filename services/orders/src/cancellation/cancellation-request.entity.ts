import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CancellationStatus } from './cancellation-status';

/** A buyer's request to cancel an order that is awaiting shipment; the seller answers within 24 h. */
@Entity({ name: 'cancellation_requests' })
export class CancellationRequestEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  orderId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  buyerId: string;

  @Column({ type: 'text' })
  status: CancellationStatus;

  @Column({ type: 'text' })
  reason: string;

  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  @Column({ type: 'timestamptz' })
  respondBy: Date;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
