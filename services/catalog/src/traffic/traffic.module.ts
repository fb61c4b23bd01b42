import { Module } from '@nestjs/common';
import { ProductTrafficResolver, ShopTrafficResolver } from './traffic.resolver';
import { TrafficEventHandlers } from './traffic-event.handlers';

/** Storefront traffic: `page.viewed` rollups (`TrafficEventHandlers`) and `Shop.visitors` / `Product.pageViews`. Exports nothing. */
@Module({
  providers: [ShopTrafficResolver, ProductTrafficResolver, TrafficEventHandlers],
})
export class TrafficModule {}
