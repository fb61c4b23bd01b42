import { ActorType } from '@sc/events';
import { InvalidTransitionError } from '@sc/graphql';
import { OrderStatus } from './order-status';

/** Something that can happen to an order. */
export type OrderAction = 'confirmStock' | 'rejectForStock';

interface Transition {
  from: OrderStatus;
  action: OrderAction;
  to: OrderStatus;
  actors: ActorType[];
}

/** Every allowed order transition and who may trigger it; anything else is INVALID_TRANSITION. */
export const ORDER_TRANSITIONS: readonly Transition[] = [
  { from: OrderStatus.PENDING, action: 'confirmStock', to: OrderStatus.UNPAID, actors: ['SYSTEM'] },
  { from: OrderStatus.PENDING, action: 'rejectForStock', to: OrderStatus.CANCELLED, actors: ['SYSTEM'] },
];

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor. */
export function nextOrderStatus(from: OrderStatus, action: OrderAction, actor: ActorType): OrderStatus {
  const transition = ORDER_TRANSITIONS.find((t) => t.from === from && t.action === action && t.actors.includes(actor));
  if (!transition) throw new InvalidTransitionError('Order', from, action);
  return transition.to;
}

/** True when the table allows `action` from `from` for this actor. */
export const canTransition = (from: OrderStatus, action: OrderAction, actor: ActorType): boolean =>
  ORDER_TRANSITIONS.some((t) => t.from === from && t.action === action && t.actors.includes(actor));
