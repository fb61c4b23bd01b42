import { Injectable } from '@nestjs/common';
import { newId } from '@sc/db';
import { WriteTx } from '@sc/kit';
import { OrderEntity } from '../order/order.entity';
import { OrderTimers, TimerKind } from '../order/order-timers';

/**
 * The order kernel's `ORDER_TIMERS`: schedules a deadline of an order in the caller's transaction. Scheduling
 * the same (order, kind, ref) twice keeps the first row, so a replayed command never creates a second timer.
 */
@Injectable()
export class OrderTimerSchedule implements OrderTimers {
  async schedule(tx: WriteTx, order: OrderEntity, kind: TimerKind, dueAt: Date, ref = ''): Promise<void> {
    await tx.manager.query(
      `INSERT INTO order_timers (id, order_id, seller_id, kind, ref, due_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (order_id, kind, ref) DO NOTHING`,
      [newId('tmr'), order.id, order.sellerId, kind, ref, dueAt, tx.now],
    );
  }
}
