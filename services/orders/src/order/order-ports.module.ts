import { DynamicModule, Module, Type } from '@nestjs/common';
import { OrderPolicies } from './policy/policy-overrides';

/** What AppModule binds to the ports the order kernel declares. */
export interface OrderPortBindings {
  /** The module that exports `ORDER_TIMERS` (the scheduler's). */
  timers: Type;
  /** The module that exports `SHOP_ORDER_SETTINGS` (shop-settings'). */
  shopSettings: Type;
  /** This process's order policies: the region policy with the environment's overrides. */
  policies: OrderPolicies;
}

/**
 * Binds the ports of the order kernel once, for the whole application (a global module, like Nest's `forRoot`
 * modules): `ORDER_TIMERS`, `SHOP_ORDER_SETTINGS` and `OrderPolicies`. Order, cancellation and fulfilment
 * schedule deadlines through `ORDER_TIMERS` although the scheduler, which fires them, depends on them; placement
 * reads the shop's settings through `SHOP_ORDER_SETTINGS`. The modules are handed in by AppModule, so no file
 * here imports them.
 */
@Module({})
export class OrderPortsModule {
  static forRoot(bindings: OrderPortBindings): DynamicModule {
    return {
      module: OrderPortsModule,
      global: true,
      imports: [bindings.timers, bindings.shopSettings],
      providers: [{ provide: OrderPolicies, useValue: bindings.policies }],
      exports: [bindings.timers, bindings.shopSettings, OrderPolicies],
    };
  }
}
