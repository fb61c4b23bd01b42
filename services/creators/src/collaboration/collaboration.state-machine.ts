import { ActorType } from '@sc/events';
import { InvalidTransitionError } from '@sc/graphql';
import { CollaborationStatus } from './collaboration-status';

/** Something that can happen to a collaboration after it was created. */
export type CollaborationAction = 'end';

interface Transition {
  from: CollaborationStatus;
  action: CollaborationAction;
  to: CollaborationStatus;
  actors: ActorType[];
}

/** Every collaboration starts here: createCollaboration is the only way in. */
export const INITIAL_COLLABORATION_STATUS = CollaborationStatus.ACTIVE;

/**
 * Every allowed collaboration transition and who may trigger it; anything else is INVALID_TRANSITION.
 * ENDED is final: working with the creator again on the product is a new collaboration, which the
 * one-active-per-(seller, creator, product) index then allows.
 */
export const COLLABORATION_TRANSITIONS: readonly Transition[] = [
  { from: CollaborationStatus.ACTIVE, action: 'end', to: CollaborationStatus.ENDED, actors: ['SELLER_STAFF', 'SYSTEM'] },
];

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor. */
export function nextCollaborationStatus(from: CollaborationStatus, action: CollaborationAction, actor: ActorType): CollaborationStatus {
  const transition = COLLABORATION_TRANSITIONS.find((t) => t.from === from && t.action === action && t.actors.includes(actor));
  if (!transition) throw new InvalidTransitionError('Collaboration', from, action);
  return transition.to;
}
