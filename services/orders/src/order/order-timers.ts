import { WriteTx } from '@sc/kit';
import { OrderEntity } from './order.entity';

/** What a timer does when it comes due. */
export enum TimerKind {
  UNPAID_EXPIRY = 'UNPAID_EXPIRY',
  REMORSE_END = 'REMORSE_END',
  AUTO_CANCEL = 'AUTO_CANCEL',
  CANCELLATION_AUTO_APPROVE = 'CANCELLATION_AUTO_APPROVE',
  COMPLETE = 'COMPLETE',
}

/**
 * How an order use case sets one of the order's deadlines. Declared here, implemented by the scheduler (which
 * fires them), so the order kernel does not depend on it.
 */
export interface OrderTimers {
  /**
   * Schedules a deadline of an order in the caller's transaction. Scheduling the same (order, kind, ref)
   * twice keeps the first one, so a replayed command never creates a second timer.
   * `ref` is what the timer is about within the order (a cancellation request id), '' for the order itself.
   */
  schedule(tx: WriteTx, order: OrderEntity, kind: TimerKind, dueAt: Date, ref?: string): Promise<void>;
}

/** Injection token of {@link OrderTimers} (bound app-wide by `OrderPortsModule`). */
export const ORDER_TIMERS = Symbol('ORDER_TIMERS');
