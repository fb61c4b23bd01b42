import { Module } from '@nestjs/common';
import { OrderModule } from '../order/order.module';
import { ShopResolver } from './shop.resolver';

/** Catalog's `Shop` as orders resolves it: its reference and `Shop.orders` (through `OrderQueries`). Exports nothing. */
@Module({
  imports: [OrderModule],
  providers: [ShopResolver],
})
export class ReferencesModule {}
