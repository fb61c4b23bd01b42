import { Module } from '@nestjs/common';
import { CancelLinesService } from './cancel-lines.service';
import { CancellationLoaders } from './cancellation.loaders';
import { CancellationService } from './cancellation.service';

/**
 * Cancellations: whole-order cancellations by the buyer or the seller, buyer cancellation requests and their
 * answers, and the seller's line-level cancellations. Public API: the two command services and
 * `CancellationLoaders`, which the lifecycle resolvers use. Deadlines are scheduled through the kernel's
 * `ORDER_TIMERS` (bound by `OrderPortsModule`).
 */
@Module({
  providers: [CancellationService, CancelLinesService, CancellationLoaders],
  exports: [CancellationService, CancelLinesService, CancellationLoaders],
})
export class CancellationModule {}
