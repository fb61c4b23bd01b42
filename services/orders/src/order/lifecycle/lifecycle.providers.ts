import { clockProvider } from '../../clock/clock.provider';
import { TestClockController } from '../../clock/test-clock.controller';
import { CancellationService } from '../../cancellation/cancellation.service';
import { CancelLinesService } from '../../cancellation/cancel-lines.service';
import { FulfilmentService } from '../../fulfilment/fulfilment.service';
import { TimerScheduler } from '../../scheduler/timer-scheduler.service';
import { LifecycleResolver } from './lifecycle.resolver';
import { OrderCommands } from './order-commands';
import { PayOrderService } from './pay-order.service';

/** Providers of the order lifecycle: commands, fulfilment, cancellations, timers and the clock. */
export const LIFECYCLE_PROVIDERS = [
  clockProvider, OrderCommands, PayOrderService, CancellationService, CancelLinesService, FulfilmentService, TimerScheduler, LifecycleResolver,
];

/** HTTP controllers of the order lifecycle (the test clock answers 404 unless the clock is controlled). */
export const LIFECYCLE_CONTROLLERS = [TestClockController];
