import { Column, Entity, PrimaryColumn } from 'typeorm';
import { VersionedRow } from '@sc/db';
import { CollaborationStatus } from './collaboration-status';

@Entity({ name: 'collaborations' })
export class CollaborationEntity extends VersionedRow {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  creatorId: string;

  @Column({ type: 'text' })
  productId: string;

  /** Basis points: 1000 = 10 %. */
  @Column({ type: 'int' })
  commissionRateBps: number;

  @Column({ type: 'text' })
  status: CollaborationStatus;
}
