import { Module } from '@nestjs/common';
import { SHOP_ORDER_SETTINGS } from '../order/shop-order-settings';
import { ShopSettingsResolver } from './shop-settings.resolver';
import { ShopSettingsService } from './shop-settings.service';

/**
 * The shop's order settings (region, shipping charge): `Shop.orderSettings`, `setShopRegion`, `setShopShipping`.
 * Public API: `SHOP_ORDER_SETTINGS`, the kernel's port for what placement reads of them (`ShopSettingsService`).
 */
@Module({
  providers: [ShopSettingsService, { provide: SHOP_ORDER_SETTINGS, useExisting: ShopSettingsService }, ShopSettingsResolver],
  exports: [SHOP_ORDER_SETTINGS],
})
export class ShopSettingsModule {}
