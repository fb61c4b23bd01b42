import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@sc/graphql';
import { ConversationStatus } from './conversation.state-machine';

/** Who wrote a message. */
export enum MessageSender {
  BUYER = 'BUYER',
  SELLER_STAFF = 'SELLER_STAFF',
}
registerEnumType(MessageSender, { name: 'MessageSender' });

@ObjectType({ description: 'One message of a buyer conversation.' })
export class Message {
  @Field(() => ID)
  id: string;

  @Field(() => MessageSender)
  sender: MessageSender;

  @Field({ description: "Sent by the shop's auto-reply; never counts as an answer for the response rate." })
  isAutoReply: boolean;

  @Field({ description: 'Received while the shop was in holiday mode (excluded from the response rate).' })
  duringHoliday: boolean;

  @Field()
  text: string;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class MessageConnection extends Connection(Message, 'Message') {}

@ObjectType({ description: 'A conversation between a buyer and a shop, optionally about one order.' })
export class Conversation {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  shopId: string;

  @Field(() => ID)
  buyerId: string;

  @Field(() => ID, { nullable: true })
  orderId: string | null;

  @Field(() => MessageSender, { description: 'Who opened the conversation.' })
  initiatedBy: MessageSender;

  @Field(() => ConversationStatus)
  status: ConversationStatus;

  @Field(() => Int, { description: 'Buyer messages the shop has not read yet.' })
  unreadCount: number;

  @Field(() => Date, { nullable: true, description: 'Reply deadline: the oldest unanswered buyer message + 12 h; null when nothing awaits a reply.' })
  replyDueAt: Date | null;

  @Field()
  lastMessageAt: Date;

  @Field(() => Date, { nullable: true })
  resolvedAt: Date | null;

  @Field()
  createdAt: Date;
}

@ObjectType()
export class ConversationConnection extends Connection(Conversation, 'Conversation') {}

@ObjectType()
export class TimeWindow {
  @Field()
  from: Date;

  @Field()
  to: Date;
}

@ObjectType({ description: 'Share of buyer-initiated conversations answered by a person within 12 hours.' })
export class InquiryResponseRate {
  @Field(() => Int, { nullable: true, description: 'respondedWithin12h / eligible in basis points (8500 = 85%); null when nothing is eligible.' })
  rate: number | null;

  @Field(() => Int)
  respondedWithin12h: number;

  @Field(() => Int)
  eligible: number;

  @Field(() => TimeWindow)
  window: TimeWindow;

  @Field({ description: 'Machine-readable definition, exclusions included.' })
  definition: string;
}

@ObjectType({ description: 'One stretch of holiday mode.' })
export class HolidayPeriod {
  @Field()
  startedAt: Date;

  @Field(() => Date, { nullable: true })
  endedAt: Date | null;
}

@ObjectType({ description: "The shop's holiday mode: buyer messages received while on do not count towards the response rate." })
export class HolidayMode {
  @Field()
  on: boolean;

  @Field(() => [HolidayPeriod], { description: 'Most recent first, at most 20.' })
  periods: HolidayPeriod[];
}
