import { Module } from '@nestjs/common';
import { FulfilmentService } from './fulfilment.service';
import { PackageLoaders } from './package.loaders';

/**
 * Fulfilment: packing, shipping and the carrier's scans of packages. Public API: `FulfilmentService` and
 * `PackageLoaders`, which the lifecycle resolvers use. Completion is scheduled through the kernel's
 * `ORDER_TIMERS` (bound by `OrderPortsModule`).
 */
@Module({
  providers: [FulfilmentService, PackageLoaders],
  exports: [FulfilmentService, PackageLoaders],
})
export class FulfilmentModule {}
