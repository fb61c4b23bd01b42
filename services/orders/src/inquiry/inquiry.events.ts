import { ConversationOpenedV1, ConversationResolvedV1, EventEnvelope, MessageSentV1 } from '@sc/events';
import { Cause, aggregateEvent } from '@sc/kit';

/** The conversation an event is about, at the version the change produced. */
interface ConversationRef {
  id: string;
  sellerId: string;
  version: number;
}

/** An event about a conversation, dated (`cause.at`, also the payload's instant) and attributed by `cause`. */
const inquiryEvent = <T>(c: ConversationRef, type: string, cause: Cause, payload: T): EventEnvelope<T> =>
  aggregateEvent<T>(
    { source: 'orders', aggregateType: 'Conversation', aggregateId: c.id, aggregateVersion: c.version, sellerId: c.sellerId },
    type,
    cause,
    payload,
  );

export const conversationOpened = (
  c: ConversationRef,
  p: { buyerId: string; orderId: string | null; initiatedBy: 'BUYER' | 'SELLER_STAFF'; messageId: string },
  cause: Cause,
): EventEnvelope<ConversationOpenedV1> =>
  inquiryEvent<ConversationOpenedV1>(c, 'conversation.opened', cause, { conversationId: c.id, ...p, openedAt: cause.at.toISOString() });

export const messageSent = (
  c: ConversationRef,
  p: { messageId: string; sender: 'BUYER' | 'SELLER_STAFF'; isAutoReply: boolean },
  cause: Cause,
): EventEnvelope<MessageSentV1> => inquiryEvent<MessageSentV1>(c, 'message.sent', cause, { conversationId: c.id, ...p, sentAt: cause.at.toISOString() });

export const conversationResolved = (c: ConversationRef, cause: Cause): EventEnvelope<ConversationResolvedV1> =>
  inquiryEvent<ConversationResolvedV1>(c, 'conversation.resolved', cause, { conversationId: c.id, resolvedAt: cause.at.toISOString() });
