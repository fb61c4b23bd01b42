import { registerEnumType } from '@nestjs/graphql';
import { Transition, TransitionTable } from '@sc/kit';

/** Where a conversation stands: whose turn it is, or closed. */
export enum ConversationStatus {
  AWAITING_SELLER = 'AWAITING_SELLER',
  AWAITING_BUYER = 'AWAITING_BUYER',
  RESOLVED = 'RESOLVED',
}
registerEnumType(ConversationStatus, { name: 'ConversationStatus', description: 'Whose turn it is in a buyer conversation.' });

/** Who acts on a conversation. */
export type ConversationActor = 'BUYER' | 'SELLER_STAFF';

/** Something that can happen to a conversation. */
export type ConversationAction = 'buyerMessage' | 'sellerReply' | 'sellerAutoReply' | 'resolve' | 'markRead';

const S = ConversationStatus;

/**
 * Every allowed conversation transition and who may trigger it; anything else is INVALID_TRANSITION.
 * A buyer writing again reopens a resolved conversation; an auto-reply is not an answer, so the buyer
 * still awaits the seller; a resolved conversation takes no seller replies (reopening is the buyer's move).
 */
export const CONVERSATION_TRANSITIONS: readonly Transition<ConversationStatus, ConversationAction, ConversationActor>[] = [
  { from: S.AWAITING_SELLER, action: 'buyerMessage', to: S.AWAITING_SELLER, actors: ['BUYER'] },
  { from: S.AWAITING_BUYER, action: 'buyerMessage', to: S.AWAITING_SELLER, actors: ['BUYER'] },
  { from: S.RESOLVED, action: 'buyerMessage', to: S.AWAITING_SELLER, actors: ['BUYER'] },
  { from: S.AWAITING_SELLER, action: 'sellerReply', to: S.AWAITING_BUYER, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_BUYER, action: 'sellerReply', to: S.AWAITING_BUYER, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SELLER, action: 'sellerAutoReply', to: S.AWAITING_SELLER, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_BUYER, action: 'sellerAutoReply', to: S.AWAITING_BUYER, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SELLER, action: 'resolve', to: S.RESOLVED, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_BUYER, action: 'resolve', to: S.RESOLVED, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_SELLER, action: 'markRead', to: S.AWAITING_SELLER, actors: ['SELLER_STAFF'] },
  { from: S.AWAITING_BUYER, action: 'markRead', to: S.AWAITING_BUYER, actors: ['SELLER_STAFF'] },
  { from: S.RESOLVED, action: 'markRead', to: S.RESOLVED, actors: ['SELLER_STAFF'] },
];

const CONVERSATION_TABLE = new TransitionTable<ConversationStatus, ConversationAction, ConversationActor>('Conversation', CONVERSATION_TRANSITIONS);

/** The status after `action` by `actor`, or INVALID_TRANSITION. */
export const transitionConversation = (from: ConversationStatus, action: ConversationAction, actor: ConversationActor): ConversationStatus =>
  CONVERSATION_TABLE.next(from, action, actor);
