import { EntityManager } from 'typeorm';
import { newId } from '@sc/db';
import { OrderEntity } from '../order/order.entity';
import { TimerKind } from './order-timer.entity';

/**
 * Schedules a deadline of an order in the caller's transaction. Scheduling the same (order, kind, ref)
 * twice keeps the first row, so a replayed command never creates a second timer.
 */
export async function scheduleTimer(manager: EntityManager, order: OrderEntity, kind: TimerKind, dueAt: Date, ref = ''): Promise<void> {
  await manager.query(
    `INSERT INTO order_timers (id, order_id, seller_id, kind, ref, due_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (order_id, kind, ref) DO NOTHING`,
    [newId('tmr'), order.id, order.sellerId, kind, ref, dueAt],
  );
}
