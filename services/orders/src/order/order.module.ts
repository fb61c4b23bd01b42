import { Module } from '@nestjs/common';
import { InventoryOutcomeHandlers } from './inventory-outcome.handlers';
import { OrderLoaders } from './order.loaders';
import { OrderQueries } from './order.queries';
import { OrderRepository } from './order.repository';
import { OrderResolver } from './order.resolver';
import { PlaceOrderService } from './place-order.service';
import { CartPricing } from './cart-pricing';
import { CartQuoteResolver } from './cart-quote.resolver';
import { StockOutcomeService } from './stock-outcome.service';
import { PayOrderService } from './lifecycle/pay-order.service';

/**
 * The order kernel: orders and their lines, placement, catalog's stock answers (`InventoryOutcomeHandlers`),
 * payment, and the transition table with the helpers every lifecycle change goes through
 * (`lifecycle/order-transition.ts`). Every other folder may depend on it; it depends on none of them (only on
 * the projections' price table and the shared stubs). What it needs from the modules above it, it declares as
 * ports bound by `OrderPortsModule`: `ORDER_TIMERS` (the scheduler), `SHOP_ORDER_SETTINGS` (shop-settings) and
 * `OrderPolicies`. Public API: `OrderQueries` (the shop's order list) and `PayOrderService` (`payOrder`).
 */
@Module({
  providers: [
    OrderRepository,
    OrderLoaders,
    OrderQueries,
    CartPricing,
    CartQuoteResolver,
    PlaceOrderService,
    StockOutcomeService,
    InventoryOutcomeHandlers,
    PayOrderService,
    OrderResolver,
  ],
  exports: [OrderQueries, PayOrderService],
})
export class OrderModule {}
