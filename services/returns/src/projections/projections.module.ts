import { DynamicModule, Module, Type } from '@nestjs/common';
import { OrderEventHandlers } from './order-events.handlers';
import { OrderProjectionWriter } from './order-projection.writer';

/** How the app wires the read model to the features above it. */
export interface ProjectionsOptions {
  /** The module that exports `ORDER_CANCELLED_LISTENER` (return-request's: it closes the order's undecided requests). */
  orderCancelled: Type;
}

/**
 * Returns' read model of orders, fed by `orders.order.v1` (`OrderEventHandlers`). It exports no provider: features
 * read its tables (`ProjectedOrderEntity`, `ProjectedOrderLineEntity`) in their own transactions. It depends on no
 * feature: a whole-order cancellation reaches return-request through `ORDER_CANCELLED_LISTENER`
 * (`order-cancelled.listener.ts`), which the module given as `orderCancelled` provides.
 */
@Module({})
export class ProjectionsModule {
  static register(options: ProjectionsOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      imports: [options.orderCancelled],
      providers: [OrderProjectionWriter, OrderEventHandlers],
    };
  }
}
