import { Column, Entity } from 'typeorm';
import { ShopAggregateRow } from '@sc/db';

/** A percentage discount on some of a seller's products within a time window. */
@Entity({ name: 'promotions' })
export class PromotionEntity extends ShopAggregateRow {
  @Column({ type: 'text' })
  title: string;

  /** 100 = 1 %; integer so discounts never go through floats. */
  @Column({ type: 'int' })
  discountBasisPoints: number;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
