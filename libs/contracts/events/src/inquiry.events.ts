import { z } from 'zod';
import { idOf } from './money.schema';

// Buyer inquiries (orders.inquiry.v1). Payloads carry ids, roles and times only, never message text
// (domain B.7: InquiryReceived / InquiryAnswered carry no content), so subscribers cannot leak a chat.

const Sender = z.enum(['BUYER', 'SELLER_STAFF']);

/** `conversation.opened` v1: a buyer wrote to a shop, or the shop wrote first to a buyer. */
export const ConversationOpenedV1 = z.object({
  conversationId: idOf('cnv'),
  buyerId: z.string(),
  orderId: idOf('ord').nullable(),
  initiatedBy: Sender,
  messageId: idOf('msg'),
  openedAt: z.string(),
});
/** Payload of `conversation.opened` v1. */
export type ConversationOpenedV1 = z.infer<typeof ConversationOpenedV1>;

/** `message.sent` v1: a message after the opening one. */
export const MessageSentV1 = z.object({
  conversationId: idOf('cnv'),
  messageId: idOf('msg'),
  sender: Sender,
  isAutoReply: z.boolean(),
  sentAt: z.string(),
});
/** Payload of `message.sent` v1. */
export type MessageSentV1 = z.infer<typeof MessageSentV1>;

/** `conversation.resolved` v1: the shop closed the conversation (a buyer message reopens it). */
export const ConversationResolvedV1 = z.object({ conversationId: idOf('cnv'), resolvedAt: z.string() });
/** Payload of `conversation.resolved` v1. */
export type ConversationResolvedV1 = z.infer<typeof ConversationResolvedV1>;
