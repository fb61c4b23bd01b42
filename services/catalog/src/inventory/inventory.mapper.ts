import { InventoryLevelEntity } from './inventory-level.entity';
import { InventoryLevel } from './inventory-level.model';

export const toInventoryLevel = (level: InventoryLevelEntity): InventoryLevel => ({
  warehouseId: level.warehouseId,
  onHand: level.onHand,
  reserved: level.reserved,
  available: level.onHand - level.reserved,
});
