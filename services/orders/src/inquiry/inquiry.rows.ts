import { Conversation, Message, MessageSender } from './conversation.model';
import { ConversationStatus } from './conversation.state-machine';
import { REPLY_DEADLINE_HOURS } from './response-rate';

/** A `conversations` row as the driver returns it. */
export interface ConversationRow {
  id: string;
  seller_id: string;
  buyer_id: string;
  order_id: string | null;
  initiated_by: MessageSender;
  status: ConversationStatus;
  seller_unread_count: number;
  awaiting_reply_since: Date | null;
  last_message_at: Date;
  resolved_at: Date | null;
  version: number;
  created_at: Date;
}

/** A `messages` row. */
export interface MessageRow {
  id: string;
  conversation_id: string;
  sender: MessageSender;
  is_auto_reply: boolean;
  during_holiday: boolean;
  body: string;
  created_at: Date;
}

/** The reply deadline of a conversation awaiting the seller since `since`. */
export const replyDueAt = (since: Date | null): Date | null => (since ? new Date(since.getTime() + REPLY_DEADLINE_HOURS * 3_600_000) : null);

export const toConversation = (row: ConversationRow): Conversation => ({
  id: row.id,
  shopId: row.seller_id,
  buyerId: row.buyer_id,
  orderId: row.order_id,
  initiatedBy: row.initiated_by,
  status: row.status,
  unreadCount: row.seller_unread_count,
  replyDueAt: replyDueAt(row.awaiting_reply_since),
  lastMessageAt: row.last_message_at,
  resolvedAt: row.resolved_at,
  createdAt: row.created_at,
});

export const toMessage = (row: MessageRow): Message => ({
  id: row.id,
  sender: row.sender,
  isAutoReply: row.is_auto_reply,
  duringHoliday: row.during_holiday,
  text: row.body,
  createdAt: row.created_at,
});
