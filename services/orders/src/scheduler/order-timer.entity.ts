import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a timer does when it comes due. */
export enum TimerKind {
  UNPAID_EXPIRY = 'UNPAID_EXPIRY',
  REMORSE_END = 'REMORSE_END',
  AUTO_CANCEL = 'AUTO_CANCEL',
  CANCELLATION_AUTO_APPROVE = 'CANCELLATION_AUTO_APPROVE',
  COMPLETE = 'COMPLETE',
}

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
