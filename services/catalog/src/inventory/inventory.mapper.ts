import { InventoryLevelEntity } from './inventory-level.entity';
import { InventoryLevel } from './inventory-level.model';

/** Sellable units of a level: what is on hand and neither held for orders nor in an unsellable state. */
export const availableOf = (l: Pick<InventoryLevelEntity, 'onHand' | 'reserved' | 'committed' | 'damaged' | 'qualityControl' | 'safetyStock'>): number =>
  l.onHand - l.reserved - l.committed - l.damaged - l.qualityControl - l.safetyStock;

export const toInventoryLevel = (level: InventoryLevelEntity): InventoryLevel => ({
  skuId: level.skuId,
  warehouseId: level.warehouseId,
  onHand: level.onHand,
  reserved: level.reserved,
  committed: level.committed,
  damaged: level.damaged,
  qualityControl: level.qualityControl,
  safetyStock: level.safetyStock,
  available: availableOf(level),
  version: level.version,
});
