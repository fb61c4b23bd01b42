import { ActorType } from '@sc/events';
import { Transition, TransitionTable } from '@sc/kit';
import { PromotionStatus } from './promotion-status';

/** Something a person can do to a promotion; time-driven changes need no action (see promotionStatusAt). */
export type PromotionAction = 'deactivate';

/** Every allowed promotion transition and who may trigger it; anything else is INVALID_TRANSITION. */
export const PROMOTION_TRANSITIONS: readonly Transition<PromotionStatus, PromotionAction>[] = [
  { from: PromotionStatus.NOT_START, action: 'deactivate', to: PromotionStatus.DEACTIVATED, actors: ['SELLER_STAFF'] },
  { from: PromotionStatus.ONGOING, action: 'deactivate', to: PromotionStatus.DEACTIVATED, actors: ['SELLER_STAFF'] },
];

/** The promotion's transition table. */
export const PROMOTION_TABLE = new TransitionTable<PromotionStatus, PromotionAction>('Promotion', PROMOTION_TRANSITIONS);

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor. */
export const nextPromotionStatus = (from: PromotionStatus, action: PromotionAction, actor: ActorType): PromotionStatus =>
  PROMOTION_TABLE.next(from, action, actor);
