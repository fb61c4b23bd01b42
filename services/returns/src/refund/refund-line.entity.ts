import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Units of one order line a refund pays back: `amountMinor` = `subtotalMinor` + `shippingFeeMinor`. */
@Entity({ name: 'refund_lines' })
export class RefundLineEntity {
  @PrimaryColumn({ type: 'text' })
  id: string;

  @Column({ type: 'text' })
  refundId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  orderLineId: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'bigint' })
  subtotalMinor: string;

  @Column({ type: 'bigint' })
  shippingFeeMinor: string;

  @Column({ type: 'bigint' })
  amountMinor: string;

  @Column({ type: 'int' })
  position: number;
}
