import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'order_lines' })
export class OrderLineEntity {
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

  @Column({ type: 'bigint' })
  lineTotalMinor: string;

  @Column({ type: 'int' })
  position: number;
}
