import { ActorType, ConversationOpenedV1, ConversationResolvedV1, EventEnvelope, MessageSentV1, createEvent } from '@sc/events';

/** Who caused an inquiry change, for the envelope. */
export interface InquiryCause {
  correlationId: string;
  actor: { type: ActorType; id: string | null };
}

/** The conversation an event is about, at the version the change produced. */
interface ConversationRef {
  id: string;
  sellerId: string;
  version: number;
}

const inquiryEvent = <T>(c: ConversationRef, type: string, at: Date, cause: InquiryCause, payload: T): EventEnvelope<T> =>
  createEvent<T>({
    type,
    source: 'orders',
    sellerId: c.sellerId,
    aggregateType: 'Conversation',
    aggregateId: c.id,
    aggregateVersion: c.version,
    correlationId: cause.correlationId,
    causationId: null,
    actor: cause.actor,
    occurredAt: at,
    payload,
  });

export const conversationOpened = (
  c: ConversationRef,
  p: { buyerId: string; orderId: string | null; initiatedBy: 'BUYER' | 'SELLER_STAFF'; messageId: string },
  at: Date,
  cause: InquiryCause,
): EventEnvelope<ConversationOpenedV1> =>
  inquiryEvent<ConversationOpenedV1>(c, 'conversation.opened', at, cause, { conversationId: c.id, ...p, openedAt: at.toISOString() });

export const messageSent = (
  c: ConversationRef,
  p: { messageId: string; sender: 'BUYER' | 'SELLER_STAFF'; isAutoReply: boolean },
  at: Date,
  cause: InquiryCause,
): EventEnvelope<MessageSentV1> => inquiryEvent<MessageSentV1>(c, 'message.sent', at, cause, { conversationId: c.id, ...p, sentAt: at.toISOString() });

export const conversationResolved = (c: ConversationRef, at: Date, cause: InquiryCause): EventEnvelope<ConversationResolvedV1> =>
  inquiryEvent<ConversationResolvedV1>(c, 'conversation.resolved', at, cause, { conversationId: c.id, resolvedAt: at.toISOString() });
