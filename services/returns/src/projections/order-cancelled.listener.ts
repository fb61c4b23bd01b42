import { EventEnvelope, OrderCancelledV1 } from '@sc/events';
import { WriteTx } from '@sc/kit';

/**
 * What a feature above the read model does when orders cancels a whole order: it closes whatever it still
 * holds open on that order. Called in the inbox transaction of `order.cancelled`, after the read model
 * marked the order CANCELLED (`tx.cause` is the event, as SYSTEM). Provided under
 * {@link ORDER_CANCELLED_LISTENER} by a module handed to `ProjectionsModule.register`.
 */
export interface OrderCancelledListener {
  close(tx: WriteTx, event: EventEnvelope<OrderCancelledV1>): Promise<void>;
}

/** Injection token of the {@link OrderCancelledListener}. */
export const ORDER_CANCELLED_LISTENER = Symbol('returns.ORDER_CANCELLED_LISTENER');
