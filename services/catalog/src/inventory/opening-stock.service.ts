import { Injectable } from '@nestjs/common';
import { WriteTx } from '@sc/kit';
import { OpeningStock, SkuStockWriter } from '../product/sku-stock.ports';
import { InventoryLevelEntity } from './inventory-level.entity';
import { StockMovementEntity } from './stock-movement.entity';
import { WarehouseEntity } from './warehouse.entity';
import { StockStatusService } from './stock-status.service';

/**
 * The opening stock of a new product's SKUs ({@link SkuStockWriter}, called by `ProductService.create` in its
 * transaction): one inventory level per SKU in the shop's default warehouse, a RECEIPT movement each (source
 * PRODUCT_CREATED), and the SKUs' stock status.
 */
@Injectable()
export class OpeningStockService implements SkuStockWriter {
  constructor(private readonly stockStatus: StockStatusService) {}

  async openStock(tx: WriteTx, sellerId: string, productId: string, skus: readonly OpeningStock[]): Promise<void> {
    const { manager, now } = tx;
    const warehouse = await manager.findOneByOrFail(WarehouseEntity, { sellerId, isDefault: true });
    await manager.insert(
      InventoryLevelEntity,
      skus.map((sku) => ({ sellerId, skuId: sku.skuId, warehouseId: warehouse.id, onHand: sku.initialStock, reserved: 0, updatedAt: now })),
    );
    await manager.insert(
      StockMovementEntity,
      skus.map((sku) => ({
        sellerId,
        skuId: sku.skuId,
        warehouseId: warehouse.id,
        movementType: 'RECEIPT' as const,
        quantity: sku.initialStock,
        onHandDelta: sku.initialStock,
        sourceType: 'PRODUCT_CREATED',
        sourceId: productId,
        createdAt: now,
      })),
    );
    // A SKU opened with no stock is out of stock from its first moment; shop lists and counters must say so.
    await this.stockStatus.refresh(
      tx,
      sellerId,
      skus.map((sku) => sku.skuId),
    );
  }
}
