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

  @Column({ type: 'int' })
  position: number;
}
