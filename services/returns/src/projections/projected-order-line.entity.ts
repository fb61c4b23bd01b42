import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A line of a projected order, as placed (quantities and prices never change after placement). */
@Entity({ name: 'order_lines' })
export class ProjectedOrderLineEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  orderId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  skuId: string;

  @Column({ type: 'text' })
  productId: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'bigint' })
  unitPriceMinor: string;

  /**
   * The line's share of the order's seller discount at placement (0 for orders placed before orders sent it).
   * After a partial cancellation the current shares are in order_line_shares, which refunds price from.
   */
  @Column({ type: 'bigint', default: '0' })
  sellerDiscountMinor: string;

  /** The line's share of the order's shipping fee at placement (see sellerDiscountMinor). */
  @Column({ type: 'bigint', default: '0' })
  shippingFeeMinor: string;

  @Column({ type: 'int' })
  position: number;
}
