import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A line of a projected order, as placed: quantities and prices never change after placement, so every
 * column is `update: false` (the projection writer inserts lines with SQL and nothing updates them; units
 * shipped and cancelled and re-split shares live in their own tables).
 */
@Entity({ name: 'order_lines' })
export class ProjectedOrderLineEntity {
  @PrimaryColumn({ type: 'text', update: false })
  id: string;

  @Column({ type: 'text', update: false })
  orderId: string;

  @Column({ type: 'text', update: false })
  sellerId: string;

  @Column({ type: 'text', update: false })
  skuId: string;

  @Column({ type: 'text', update: false })
  productId: string;

  @Column({ type: 'int', update: false })
  quantity: number;

  @Column({ type: 'bigint', update: false })
  unitPriceMinor: string;

  /**
   * The line's share of the order's seller discount at placement (0 for orders placed before orders sent it).
   * After a partial cancellation the current shares are in order_line_shares, which refunds price from.
   */
  @Column({ type: 'bigint', default: '0', update: false })
  sellerDiscountMinor: string;

  /** The line's share of the order's shipping fee at placement (see sellerDiscountMinor). */
  @Column({ type: 'bigint', default: '0', update: false })
  shippingFeeMinor: string;

  @Column({ type: 'int', update: false })
  position: number;
}
