import { Column, Entity } from 'typeorm';
import { ShopAggregateRow } from '@sc/db';
import { ReturnReason } from './return-reason';
import { ReturnStatus } from './return-status';
import { ReturnType } from './return-type';

@Entity({ name: 'return_requests' })
export class ReturnRequestEntity extends ShopAggregateRow {
  @Column({ type: 'text' })
  orderId: string;

  @Column({ type: 'text' })
  buyerId: string;

  @Column({ type: 'text' })
  status: ReturnStatus;

  @Column({ type: 'text' })
  type: ReturnType;

  @Column({ type: 'text' })
  reason: ReturnReason;

  @Column({ type: 'text', nullable: true })
  reasonText: string | null;
}
