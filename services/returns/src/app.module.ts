import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, ServiceCoreModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { OrderProjectionWriter } from './projections/order-projection.writer';
import {
  OrderCancelledHandler, OrderConfirmedHandler, OrderLinesCancelledHandler, OrderPaidHandler, OrderPlacedHandler, OrderStatusChangedHandler, PackageShippedHandler,
} from './projections/order-events.handlers';
import { ApproveRefundService } from './return-request/approve-refund.service';
import { CloseRequestsOfCancelledOrder } from './return-request/close-requests-of-cancelled-order';
import { RefundWriter } from './refund/refund.writer';
import { RefundLoaders } from './refund/refund.loaders';
import { ReturnRequestRepository } from './return-request/return-request.repository';
import { ReturnRequestLoaders } from './return-request/return-request.loaders';
import { ReturnRequestQueries } from './return-request/return-request.queries';
import { RequestReturnService } from './return-request/request-return.service';
import { ReturnRequestResolver } from './return-request/return-request.resolver';
import { OrderResolver } from './references/order.resolver';
import { ShopResolver } from './references/shop.resolver';
import { Shop } from './references/shop.model';

/** The returns subgraph: buyers' return requests and their refunds, checked against a read model of orders. */
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
            publishes: ['returns.return.v1', 'returns.refund.v1'],
            handlers: [
              OrderPlacedHandler, OrderConfirmedHandler, OrderCancelledHandler, OrderPaidHandler, OrderStatusChangedHandler, PackageShippedHandler,
              OrderLinesCancelledHandler,
            ],
          },
        }),
      ],
      providers: [
        OrderProjectionWriter, OrderPlacedHandler, OrderConfirmedHandler, OrderCancelledHandler, OrderPaidHandler, OrderStatusChangedHandler,
        PackageShippedHandler, OrderLinesCancelledHandler, CloseRequestsOfCancelledOrder,
        ReturnRequestRepository, ReturnRequestLoaders, ReturnRequestQueries, RequestReturnService, ApproveRefundService, RefundWriter, RefundLoaders,
        ReturnRequestResolver, OrderResolver, ShopResolver,
      ],
    };
  }
}
