import { InventoryRepository } from './inventory.repository';
import { InventoryLoaders } from './inventory.loaders';
import { ReservationService } from './reservation.service';
import { OrderPlacedHandler } from './order-placed.handler';
import { StockStatusService } from './stock-status.service';
import { OrderInventoryService } from './order-inventory.service';
import { ReturnInventoryService } from './return-inventory.service';
import { OrderCancelledHandler, OrderLinesCancelledHandler, OrderPaidHandler, PackageShippedHandler, ReturnReceivedHandler } from './order-event.handlers';
import { InventoryCommandsService } from './inventory-commands.service';
import { WarehouseService } from './warehouse.service';
import { StockQueries } from './stock-queries';
import { InventoryResolver } from './inventory.resolver';
import { SkuInventoryResolver } from './sku-inventory.resolver';
import { ShopInventoryResolver, SkuStockStatusResolver } from './shop-inventory.resolver';
import { PageViewedHandler } from '../traffic/page-viewed.handler';
import { ProductTrafficResolver, ShopTrafficResolver } from '../traffic/traffic.resolver';

/** Event handlers of the inventory and traffic modules (consumed exactly once through the inbox). */
export const INVENTORY_HANDLERS = [
  OrderPlacedHandler, OrderPaidHandler, PackageShippedHandler, OrderCancelledHandler, OrderLinesCancelledHandler, ReturnReceivedHandler, PageViewedHandler,
];

/** Every provider of the inventory and traffic modules, handlers included. */
export const INVENTORY_PROVIDERS = [
  InventoryRepository, InventoryLoaders, ReservationService, StockStatusService, OrderInventoryService, ReturnInventoryService,
  InventoryCommandsService, WarehouseService, StockQueries,
  InventoryResolver, SkuInventoryResolver, ShopInventoryResolver, SkuStockStatusResolver, ShopTrafficResolver, ProductTrafficResolver,
  ...INVENTORY_HANDLERS,
];
