import { Injectable } from '@nestjs/common';
import { groupLoader } from '@sc/graphql';
import { InventoryRepository } from './inventory.repository';
import { InventoryLevelEntity } from './inventory-level.entity';

@Injectable()
export class InventoryLoaders {
  constructor(private readonly inventory: InventoryRepository) {}

  levelsBySkuId() {
    return groupLoader<string, InventoryLevelEntity>('catalog.levelsBySkuId', (ids) => this.inventory.findLevelsBySkuIds(ids), (l) => l.skuId);
  }
}
