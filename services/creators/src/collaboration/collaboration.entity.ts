import { Column, Entity, PrimaryColumn } from 'typeorm';
import { CollaborationStatus } from './collaboration-status';

@Entity({ name: 'collaborations' })
export class CollaborationEntity {
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

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
