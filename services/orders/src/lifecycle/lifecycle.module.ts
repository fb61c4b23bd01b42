import { Module } from '@nestjs/common';
import { CancellationModule } from '../cancellation/cancellation.module';
import { FulfilmentModule } from '../fulfilment/fulfilment.module';
import { OrderModule } from '../order/order.module';
import { LifecycleResolver } from './lifecycle.resolver';
import { OrderLifecycleResolver } from './order-lifecycle.resolver';

/**
 * The order lifecycle's API over the kernel, cancellation and fulfilment: every lifecycle mutation
 * (`LifecycleResolver`) and the Order fields read from their records (`OrderLifecycleResolver`: nextAction,
 * packages, cancellationRequests). Exports nothing.
 */
@Module({
  imports: [OrderModule, CancellationModule, FulfilmentModule],
  providers: [LifecycleResolver, OrderLifecycleResolver],
})
export class LifecycleModule {}
