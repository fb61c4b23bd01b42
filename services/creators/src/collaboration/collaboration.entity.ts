import { Column, Entity } from 'typeorm';
import { ShopAggregateRow } from '@sc/db';
import { CollaborationStatus } from './collaboration-status';

@Entity({ name: 'collaborations' })
export class CollaborationEntity extends ShopAggregateRow {
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
