import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { batchLoader, groupLoader } from '@sc/graphql';
import { InventoryRepository } from './inventory.repository';
import { InventoryLevelEntity } from './inventory-level.entity';

/** Sellable units of one SKU summed over its warehouses. */
export interface SkuAvailable {
  skuId: string;
  available: number;
}

@Injectable()
export class InventoryLoaders {
  constructor(
    private readonly inventory: InventoryRepository,
    private readonly dataSource: DataSource,
  ) {}

  levelsBySkuId() {
    return groupLoader<string, InventoryLevelEntity>(
      'catalog.levelsBySkuId',
      (ids) => this.inventory.findLevelsBySkuIds(ids),
      (l) => l.skuId,
    );
  }

  /**
   * Available units per SKU (public: buyers see how many can be sold, not where). Loading SKUs primes it
   * (sku-stock.select), so this only runs for SKUs that reached a resolver some other way; null = no stock records.
   */
  availableBySkuId() {
    return batchLoader<string, SkuAvailable>(
      'catalog.availableBySkuId',
      (ids) =>
        this.dataSource.query(
          `SELECT sku_id AS "skuId", sum(on_hand - reserved - committed - damaged - quality_control - safety_stock)::int AS available
             FROM inventory_levels WHERE sku_id = ANY($1) GROUP BY sku_id`,
          [ids],
        ),
      (r) => r.skuId,
    );
  }
}
