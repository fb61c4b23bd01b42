import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, ServiceCoreModule } from '@sc/service';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { ProductCreatedHandler } from './projections/product-created.handler';
import { ProductStatusChangedHandler, SkuPriceChangedHandler } from './projections/product-status-changed.handler';
import { OrderRepository } from './order/order.repository';
import { OrderLoaders } from './order/order.loaders';
import { OrderQueries } from './order/order.queries';
import { PlaceOrderService } from './order/place-order.service';
import { StockOutcomeService } from './order/stock-outcome.service';
import { InventoryReservedHandler, InventoryReservationFailedHandler } from './order/inventory-outcome.handlers';
import { OrderResolver } from './order/order.resolver';
import { ShopResolver } from './references/shop.resolver';
import { Shop } from './references/shop.model';
import { INQUIRY_PROVIDERS } from './inquiry/inquiry.providers';
import { DASHBOARD_HANDLERS, DASHBOARD_PROVIDERS } from './dashboard/dashboard.providers';
import { LIFECYCLE_CONTROLLERS, LIFECYCLE_PROVIDERS } from './order/lifecycle/lifecycle.providers';
import { ShopSettingsResolver } from './shop-settings/shop-settings.resolver';
import { ShopSettingsService } from './shop-settings/shop-settings.service';
import { OrderPolicies, readOrderPolicyOverrides } from './order/policy/policy-overrides';

/** The orders subgraph: orders and their lines, priced from a read model of catalog prices. */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    // Read here, not in a provider factory, so a refused override stops start-up with its message (runSubgraph).
    const policies = new OrderPolicies(readOrderPolicyOverrides());
    if (Object.keys(policies.overrides).length > 0) {
      console.warn(JSON.stringify({ level: 'warn', service: config.serviceName, msg: 'order policy overrides in effect', overrides: policies.overrides }));
    }
    return {
      module: AppModule,
      imports: [
        ServiceCoreModule.forRoot({
          config,
          entities,
          migrations,
          orphanedTypes: [Shop],
          messaging: {
            publishes: ['orders.order.v1', 'orders.inquiry.v1'],
            handlers: [ProductCreatedHandler, ProductStatusChangedHandler, SkuPriceChangedHandler, InventoryReservedHandler, InventoryReservationFailedHandler, ...DASHBOARD_HANDLERS],
          },
        }),
      ],
      providers: [
        ProductCreatedHandler, ProductStatusChangedHandler, SkuPriceChangedHandler, OrderRepository, OrderLoaders, OrderQueries, PlaceOrderService, StockOutcomeService,
        InventoryReservedHandler, InventoryReservationFailedHandler, OrderResolver, ShopResolver,
        ...INQUIRY_PROVIDERS, ...DASHBOARD_PROVIDERS, ...LIFECYCLE_PROVIDERS, ShopSettingsService, ShopSettingsResolver,
        { provide: OrderPolicies, useValue: policies },
      ],
      controllers: [...LIFECYCLE_CONTROLLERS],
    };
  }
}
