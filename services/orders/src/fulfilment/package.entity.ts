import { Column, Entity, PrimaryColumn } from 'typeorm';
import { PackageStatus } from './package-status';

/** A parcel of order lines: packed, shipped with a carrier, scanned, delivered. */
@Entity({ name: 'packages' })
export class PackageEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  orderId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  status: PackageStatus;

  @Column({ type: 'text', nullable: true })
  carrier: string | null;

  @Column({ type: 'text', nullable: true })
  trackingNumber: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  shippedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  inTransitAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** Units of one order line in one package. */
@Entity({ name: 'package_lines' })
export class PackageLineEntity {
  @PrimaryColumn({ type: 'text' })
  packageId: string;

  @PrimaryColumn({ type: 'text' })
  orderLineId: string;

  @Column({ type: 'int' })
  quantity: number;
}
