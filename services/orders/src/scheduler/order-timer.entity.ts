import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimerKind } from '../order/order-timers';

/** One deadline of one order; fired once, in the transaction that applies its effect. */
@Entity({ name: 'order_timers' })
export class OrderTimerEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  orderId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  kind: TimerKind;

  /** What the timer is about within the order (a cancellation request id), '' for the order itself. */
  @Column({ type: 'text', default: '' })
  ref: string;

  @Column({ type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  firedAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
