import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, ServiceCoreModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { OrderProjectionWriter } from './projections/order-projection.writer';
import { OrderCancelledHandler, OrderConfirmedHandler, OrderPlacedHandler } from './projections/order-events.handlers';
import { ReturnRequestRepository } from './return-request/return-request.repository';
import { ReturnRequestLoaders } from './return-request/return-request.loaders';
import { ReturnRequestQueries } from './return-request/return-request.queries';
import { RequestReturnService } from './return-request/request-return.service';
import { ReturnRequestResolver } from './return-request/return-request.resolver';
import { OrderResolver } from './references/order.resolver';
import { ShopResolver } from './references/shop.resolver';
import { Shop } from './references/shop.model';

/** The returns subgraph: buyers' return requests, checked against a read model of orders. */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          config,
          entities,
          migrations,
          orphanedTypes: [Shop],
          messaging: {
            publishes: ['returns.return.v1'],
            handlers: [OrderPlacedHandler, OrderConfirmedHandler, OrderCancelledHandler],
          },
        }),
      ],
      providers: [
        OrderProjectionWriter, OrderPlacedHandler, OrderConfirmedHandler, OrderCancelledHandler,
        ReturnRequestRepository, ReturnRequestLoaders, ReturnRequestQueries, RequestReturnService,
        ReturnRequestResolver, OrderResolver, ShopResolver,
      ],
    };
  }
}
