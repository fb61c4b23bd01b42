import { ActorType } from '@sc/events';
import { Transition, TransitionTable } from '@sc/kit';
import { CollaborationStatus } from './collaboration-status';

/** Something that can happen to a collaboration after it was created. */
export type CollaborationAction = 'end';

/** Every collaboration starts here: createCollaboration is the only way in. */
export const INITIAL_COLLABORATION_STATUS = CollaborationStatus.ACTIVE;

/**
 * Every allowed collaboration transition and who may trigger it; anything else is INVALID_TRANSITION.
 * ENDED is final: working with the creator again on the product is a new collaboration, which the
 * one-active-per-(seller, creator, product) index then allows.
 */
export const COLLABORATION_TRANSITIONS: readonly Transition<CollaborationStatus, CollaborationAction>[] = [
  { from: CollaborationStatus.ACTIVE, action: 'end', to: CollaborationStatus.ENDED, actors: ['SELLER_STAFF', 'SYSTEM'] },
];

/** The collaboration's transition table. */
export const COLLABORATION_TABLE = new TransitionTable<CollaborationStatus, CollaborationAction>('Collaboration', COLLABORATION_TRANSITIONS);

/** The status after `action`, or INVALID_TRANSITION when the table does not allow it for this actor. */
export const nextCollaborationStatus = (from: CollaborationStatus, action: CollaborationAction, actor: ActorType): CollaborationStatus =>
  COLLABORATION_TABLE.next(from, action, actor);
