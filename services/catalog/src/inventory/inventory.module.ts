import { Global, Module } from '@nestjs/common';
import { ProductModule } from '../product/product.module';
import { SKU_STOCK_READS, SKU_STOCK_WRITER } from '../product/sku-stock.ports';
import { DEFAULT_WAREHOUSE_WRITER } from '../shop/default-warehouse.port';
import { InventoryRepository } from './inventory.repository';
import { InventoryLoaders } from './inventory.loaders';
import { ReservationService } from './reservation.service';
import { StockStatusService } from './stock-status.service';
import { OrderInventoryService } from './order-inventory.service';
import { ReturnInventoryService } from './return-inventory.service';
import { InventoryCommandsService } from './inventory-commands.service';
import { WarehouseService } from './warehouse.service';
import { OpeningStockService } from './opening-stock.service';
import { SkuStockSelect } from './sku-stock.select';
import { StockQueries } from './stock-queries';
import { InventoryResolver } from './inventory.resolver';
import { SkuInventoryResolver } from './sku-inventory.resolver';
import { ShopInventoryResolver, SkuStockStatusResolver } from './shop-inventory.resolver';
import { InventoryEventHandlers } from './inventory-event.handlers';

/**
 * Stock: warehouses, inventory levels, the stock ledger and the out-of-stock flags; the seller's stock
 * mutations, the stock fields on Shop and Sku, and the order and return events that move stock
 * (`InventoryEventHandlers`). It is the only writer of the inventory tables.
 *
 * Public API: only the ports the modules below it declare — `SKU_STOCK_WRITER` and `SKU_STOCK_READS`
 * (product, `sku-stock.ports.ts`) and `DEFAULT_WAREHOUSE_WRITER` (shop, `default-warehouse.port.ts`). Global so
 * that those modules reach the ports without importing this one (which imports product for the SKUs behind
 * stock statuses); nothing else is exported.
 */
@Global()
@Module({
  imports: [ProductModule],
  providers: [
    InventoryRepository,
    InventoryLoaders,
    StockStatusService,
    StockQueries,
    ReservationService,
    OrderInventoryService,
    ReturnInventoryService,
    InventoryCommandsService,
    WarehouseService,
    OpeningStockService,
    SkuStockSelect,
    { provide: SKU_STOCK_WRITER, useExisting: OpeningStockService },
    { provide: SKU_STOCK_READS, useExisting: SkuStockSelect },
    { provide: DEFAULT_WAREHOUSE_WRITER, useExisting: WarehouseService },
    InventoryResolver,
    SkuInventoryResolver,
    ShopInventoryResolver,
    SkuStockStatusResolver,
    InventoryEventHandlers,
  ],
  exports: [SKU_STOCK_WRITER, SKU_STOCK_READS, DEFAULT_WAREHOUSE_WRITER],
})
export class InventoryModule {}
