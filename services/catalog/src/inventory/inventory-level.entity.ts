import { Column, Entity, PrimaryColumn } from 'typeorm';

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

  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
