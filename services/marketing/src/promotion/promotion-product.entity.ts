import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One product a promotion discounts. */
@Entity({ name: 'promotion_products' })
export class PromotionProductEntity {
  @PrimaryColumn({ type: 'text' })
  promotionId: string;

  @PrimaryColumn({ type: 'text' })
  productId: string;

  @Column({ type: 'text' })
  sellerId: string;
}
