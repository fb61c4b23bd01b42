import { Column, Entity } from 'typeorm';
import { ShopAggregateRow } from '@sc/db';
import { OrderStatus } from './order-status';

@Entity({ name: 'orders' })
export class OrderEntity extends ShopAggregateRow {
  @Column({ type: 'text' })
  buyerId: string;

  @Column({ type: 'text' })
  status: OrderStatus;

  @Column({ type: 'char', length: 3 })
  currencyCode: string;

  @Column({ type: 'bigint' })
  totalMinor: string;

  @Column({ type: 'text', nullable: true })
  cancelReason: string | null;

  /** Region whose order policy sets the deadlines. */
  @Column({ type: 'text', default: 'US' })
  region: string;

  /** Sum of line totals of the live (not cancelled) units, before order-level amounts. */
  @Column({ type: 'bigint', default: '0' })
  subtotalMinor: string;

  @Column({ type: 'bigint', default: '0' })
  shippingFeeMinor: string;

  @Column({ type: 'bigint', default: '0' })
  sellerDiscountMinor: string;

  @Column({ type: 'text', nullable: true })
  recipientName: string | null;

  @Column({ type: 'text', nullable: true })
  recipientPhone: string | null;

  @Column({ type: 'text', nullable: true })
  recipientAddress: string | null;

  /** BUYER, SELLER or SYSTEM once cancelled. */
  @Column({ type: 'text', nullable: true })
  cancelledBy: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  unpaidExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  remorseEndsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  shipByAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  autoCancelAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completesAt: Date | null;

  /** The pending buyer cancellation request, if any (drives the "has open cancellation" filter). */
  @Column({ type: 'text', nullable: true })
  openCancellationId: string | null;
}
