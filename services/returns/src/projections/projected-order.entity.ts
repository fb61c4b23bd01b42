import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Returns' read model of an order, fed by orders.order.v1. `buyerId`/`currencyCode`/`placedAt` are null
 * while a later event has arrived before `order.placed`; `statusVersion` is the order's aggregate
 * version that set `status`, so an older event never overwrites a newer status.
 */
@Entity({ name: 'orders' })
export class ProjectedOrderEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text', nullable: true })
  buyerId: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  currencyCode: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'int' })
  statusVersion: number;

  @Column({ type: 'timestamptz', nullable: true })
  placedAt: Date | null;

  /** When the buyer paid (from `order.paid`); null while unpaid. Only a paid order can be refunded. */
  @Column({ type: 'timestamptz', nullable: true })
  paidAt: Date | null;

  /** When the order reached DELIVERED (from `order.status_changed`); the after-sales window runs from here. */
  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
