import { CancellationRequestEntity } from '../../cancellation/cancellation-request.entity';
import { PackageEntity, PackageLineEntity } from '../../fulfilment/package.entity';
import { OrderTimerEntity } from '../../scheduler/order-timer.entity';

/** Entities of the order lifecycle (packages, cancellation requests, timers). */
export const LIFECYCLE_ENTITIES = [PackageEntity, PackageLineEntity, CancellationRequestEntity, OrderTimerEntity];
