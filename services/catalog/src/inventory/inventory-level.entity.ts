import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Stock of one SKU in one warehouse. Reserved, committed and the unsellable states all stay inside
 * on hand; a CHECK constraint keeps available (on hand minus all of them) from going negative.
 */
@Entity({ name: 'inventory_levels' })
export class InventoryLevelEntity {
  @PrimaryColumn({ type: 'text' })
  skuId: string;

  @PrimaryColumn({ type: 'text' })
  warehouseId: string;

  @Column({ type: 'text' })
  sellerId: string;

  @Column({ type: 'int' })
  onHand: number;

  @Column({ type: 'int', default: 0 })
  reserved: number;

  @Column({ type: 'int', default: 0 })
  committed: number;

  @Column({ type: 'int', default: 0 })
  damaged: number;

  @Column({ type: 'int', default: 0 })
  qualityControl: number;

  @Column({ type: 'int', default: 0 })
  safetyStock: number;

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
