import { Module } from '@nestjs/common';
import { ShopRepository } from './shop.repository';
import { ShopService } from './shop.service';
import { ShopLoaders } from './shop.loaders';
import { ShopResolver } from './shop.resolver';

/**
 * Shops: `registerShop`, the `shop` query and the Shop entity's own fields. Depends on no feature: registration
 * opens the default warehouse through `DEFAULT_WAREHOUSE_WRITER` (`default-warehouse.port.ts`), which the
 * inventory module provides. Public API: {@link ShopRepository} (a shop's currency for product commands).
 */
@Module({
  providers: [ShopRepository, ShopService, ShopLoaders, ShopResolver],
  exports: [ShopRepository],
})
export class ShopModule {}
