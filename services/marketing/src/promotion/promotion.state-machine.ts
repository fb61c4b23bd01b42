import { ActorType } from '@sc/events';
import { InvalidTransitionError } from '@sc/graphql';
import { PromotionStatus } from './promotion-status';

/** Something a person can do to a promotion; time-driven changes need no action (see promotionStatusAt). */
export type PromotionAction = 'deactivate';

interface Transition {
  from: PromotionStatus;
  action: PromotionAction;
  to: PromotionStatus;
  actors: ActorType[];
}

/** Every allowed promotion transition and who may trigger it; anything else is INVALID_TRANSITION. */
export const PROMOTION_TRANSITIONS: readonly Transition[] = [
  { from: PromotionStatus.NOT_START, action: 'deactivate', to: PromotionStatus.DEACTIVATED, actors: ['SELLER_STAFF'] },
  { from: PromotionStatus.ONGOING, action: 'deactivate', to: PromotionStatus.DEACTIVATED, actors: ['SELLER_STAFF'] },
];

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor. */
export function nextPromotionStatus(from: PromotionStatus, action: PromotionAction, actor: ActorType): PromotionStatus {
  const transition = PROMOTION_TRANSITIONS.find((t) => t.from === from && t.action === action && t.actors.includes(actor));
  if (!transition) throw new InvalidTransitionError('Promotion', from, action);
  return transition.to;
}
