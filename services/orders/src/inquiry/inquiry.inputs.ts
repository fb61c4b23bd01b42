import { Field, ID, InputType } from '@nestjs/graphql';

// Inputs of the inquiry mutations; each carries an idempotency key (same key + same input → same result).

@InputType()
export class StartConversationInput {
  @Field(() => ID)
  shopId: string;

  @Field(() => ID, { nullable: true, description: "One of the buyer's orders with this shop." })
  orderId?: string | null;

  @Field()
  text: string;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class ContactBuyerInput {
  @Field(() => ID, { description: 'A buyer who has ordered from or written to the shop.' })
  buyerId: string;

  @Field(() => ID, { nullable: true })
  orderId?: string | null;

  @Field()
  text: string;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class SendMessageInput {
  @Field(() => ID)
  conversationId: string;

  @Field()
  text: string;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class ReplyToConversationInput {
  @Field(() => ID)
  conversationId: string;

  @Field()
  text: string;

  @Field({ defaultValue: false, description: 'Sent by an auto-reply/FAQ bot; does not answer the buyer for the response rate.' })
  isAutoReply: boolean;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class ConversationActionInput {
  @Field(() => ID)
  conversationId: string;

  @Field()
  idempotencyKey: string;
}

@InputType()
export class SetHolidayModeInput {
  @Field()
  on: boolean;

  @Field()
  idempotencyKey: string;
}
