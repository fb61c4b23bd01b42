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

  /** The units asked for when only some lines are to be cancelled; null for the whole order. */
  @Column({ type: 'jsonb', nullable: true })
  lines: Array<{ orderLineId: string; quantity: number }> | null;

  @Column({ type: 'text', nullable: true })
  rejectReason: string | null;

  @Column({ type: 'timestamptz' })
  respondBy: Date;

  @Column({ type: 'timestamptz' })
  requestedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
