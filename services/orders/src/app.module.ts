import { DynamicModule, Module } from '@nestjs/common';
import { ServiceConfig, subgraphRootModule } from '@sc/service';
import { logger } from '@sc/logging';
import { entities } from './database/entities';
import { migrations } from './database/migrations';
import { ProjectionsModule } from './projections/projections.module';
import { OrderModule } from './order/order.module';
import { OrderPortsModule } from './order/order-ports.module';
import { OrderPolicies, readOrderPolicyOverrides } from './order/policy/policy-overrides';
import { LifecycleModule } from './lifecycle/lifecycle.module';
import { ReferencesModule } from './references/references.module';
import { Shop } from './shared/shop.model';
import { InquiryModule } from './inquiry/inquiry.module';
import { DashboardModule } from './dashboard/dashboard.module';
import { SchedulerModule } from './scheduler/scheduler.module';
import { ShopSettingsModule } from './shop-settings/shop-settings.module';

/**
 * The orders subgraph: orders and their lines, priced from a read model of catalog prices. Feature folders
 * depend one way: lifecycle, scheduler → fulfilment → cancellation → order (the kernel) → projections, shared;
 * references, shop-settings → order; inquiry, dashboard → shared. The kernel's ports (timers, shop settings,
 * policies) are bound here, once, by `OrderPortsModule`. The order of `imports` is the order of the printed
 * schema's Mutation, Order and Shop fields (resolvers are collected module by module).
 */
@Module({})
export class AppModule {
  static register(config: ServiceConfig): DynamicModule {
    // Read here, not in a provider factory, so a refused override stops start-up with its message (runSubgraph).
    const policies = new OrderPolicies(readOrderPolicyOverrides());
    if (Object.keys(policies.overrides).length > 0) {
      logger('orders.policies').warn({ overrides: policies.overrides }, 'order policy overrides in effect');
    }
    const core = {
      config,
      entities,
      migrations,
      orphanedTypes: [Shop],
      messaging: { publishes: ['orders.order.v1' as const, 'orders.inquiry.v1' as const, 'orders.audit.v1' as const] },
    };
    return subgraphRootModule(AppModule, core, [
      ProjectionsModule,
      OrderModule,
      ReferencesModule,
      InquiryModule,
      DashboardModule,
      LifecycleModule,
      SchedulerModule,
      ShopSettingsModule,
      OrderPortsModule.forRoot({ timers: SchedulerModule, shopSettings: ShopSettingsModule, policies }),
    ]);
  }
}
