import { Column, Entity } from 'typeorm';
import { ShopAggregateRow } from '@sc/db';

/** A tier of a buy-more-save-more promotion: this many eligible units or more take this discount. */
export interface StoredTier {
  minQuantity: number;
  discountBasisPoints: number;
}

/**
 * A discount on some of a seller's products within a time window: a percentage (PRODUCT_DISCOUNT), or one
 * that deepens with the number of units bought (BUY_MORE_SAVE_MORE, `tiers`).
 */
@Entity({ name: 'promotions' })
export class PromotionEntity extends ShopAggregateRow {
  @Column({ type: 'text', default: 'PRODUCT_DISCOUNT' })
  type: 'PRODUCT_DISCOUNT' | 'BUY_MORE_SAVE_MORE';

  /** A tiered promotion's tiers, ascending; null for a plain discount. */
  @Column({ type: 'jsonb', nullable: true })
  tiers: StoredTier[] | null;

  @Column({ type: 'text' })
  title: string;

  /** 100 = 1 %; integer so discounts never go through floats. A tiered promotion's deepest tier. */
  @Column({ type: 'int' })
  discountBasisPoints: number;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deactivatedAt: Date | null;
}
