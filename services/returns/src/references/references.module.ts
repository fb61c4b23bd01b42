import { Module } from '@nestjs/common';
import { ReturnRequestModule } from '../return-request/return-request.module';
import { OrderResolver } from './order.resolver';
import { ShopResolver } from './shop.resolver';

/** The fields returns adds to other services' entities: `Order.returns` and `Shop.returnRequests`. Exports nothing. */
@Module({
  imports: [ReturnRequestModule],
  providers: [OrderResolver, ShopResolver],
})
export class ReferencesModule {}
