import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Kinds of stock movement in the append-only ledger (RECEIPT: opening stock of a new SKU). */
export type StockMovementType = 'RECEIPT' | 'ADJUSTMENT' | 'RESERVATION' | 'RELEASE' | 'COMMIT' | 'SALE' | 'RESTOCK' | 'STATE_MOVE';

/**
 * One row of the append-only ledger. `quantity` is the change to available; the `*Delta` columns are the
 * changes to each bucket, so what an order still holds is a sum over its movements. The unique index on
 * (source_type, source_id, sku_id, warehouse_id, movement_type) makes every movement happen once.
 */
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

  @Column({ type: 'text', nullable: true })
  orderId?: string | null;

  @Column({ type: 'int', default: 0 })
  onHandDelta?: number;

  @Column({ type: 'int', default: 0 })
  reservedDelta?: number;

  @Column({ type: 'int', default: 0 })
  committedDelta?: number;

  @Column({ type: 'text', nullable: true })
  stateFrom?: string | null;

  @Column({ type: 'text', nullable: true })
  stateTo?: string | null;

  @Column({ type: 'text', nullable: true })
  reason?: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}
