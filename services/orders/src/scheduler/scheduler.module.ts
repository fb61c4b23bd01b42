import { Module } from '@nestjs/common';
import { ORDER_TIMERS } from '../order/order-timers';
import { OrderTimerSchedule } from './timer-schedule';
import { TimerScheduler } from './timer-scheduler.service';

/**
 * Order timers: `TimerScheduler` fires due ones (polling, and as due work when a test clock moves) and applies
 * their effects (`applyTimer`, over order, cancellation and fulfilment). Public API: `ORDER_TIMERS`, the
 * kernel's port for scheduling a deadline (`OrderTimerSchedule`).
 */
@Module({
  providers: [OrderTimerSchedule, { provide: ORDER_TIMERS, useExisting: OrderTimerSchedule }, TimerScheduler],
  exports: [ORDER_TIMERS],
})
export class SchedulerModule {}
