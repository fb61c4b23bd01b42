import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Kinds of stock movement in the append-only ledger. */
export type StockMovementType = 'RECEIPT' | 'RESERVATION';

@Entity({ name: 'stock_movements' })
export class StockMovementEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'text' })
  skuId: string;

  @Column({ type: 'text' })
  warehouseId: string;

  @Column({ type: 'text' })
  movementType: StockMovementType;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'text' })
  sourceType: string;

  @Column({ type: 'text' })
  sourceId: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
