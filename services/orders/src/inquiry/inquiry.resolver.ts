import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { currentContext, staffReadSellerId } from '@sc/auth';
import { PageArgs } from '@sc/graphql';
import { Conversation, HolidayMode, MessageConnection } from './conversation.model';
import {
  ContactBuyerInput,
  ConversationActionInput,
  ReplyToConversationInput,
  SendMessageInput,
  SetHolidayModeInput,
  StartConversationInput,
} from './inquiry.inputs';
import { InquiryCommands } from './inquiry-commands.service';
import { HolidayModeService } from './holiday-mode.service';
import { InquiryQueries } from './inquiry.queries';
import { InquiryRepository } from './inquiry.repository';
import { toConversation } from './inquiry.rows';

/** Buyer inquiries: the conversation query, its messages and every inquiry mutation. */
@Resolver(() => Conversation)
export class InquiryResolver {
  constructor(
    private readonly commands: InquiryCommands,
    private readonly holidayMode: HolidayModeService,
    private readonly queries: InquiryQueries,
    private readonly repository: InquiryRepository,
  ) {}

  @Query(() => Conversation, { nullable: true, description: "A conversation of the caller's shop, or one the calling buyer is in." })
  async conversation(@Args('id', { type: () => ID }) id: string): Promise<Conversation | null> {
    const { identity } = currentContext();
    const sellerId = staffReadSellerId('INQUIRIES:VIEW');
    const scope = sellerId ? { sellerId } : { buyerId: identity.userId };
    const [row] = await this.repository.findByIds(scope, [id]);
    return row ? toConversation(row) : null;
  }

  @ResolveField(() => MessageConnection, { description: 'Messages, oldest first.' })
  messages(@Parent() conversation: Conversation, @Args() page: PageArgs) {
    return this.queries.messages(conversation.id, page);
  }

  @Mutation(() => Conversation, { description: 'Buyer: opens a conversation with a shop, optionally about one of their orders.' })
  async startConversation(@Args('input') input: StartConversationInput): Promise<Conversation> {
    return toConversation(await this.commands.start(input));
  }

  @Mutation(() => Conversation, { description: 'Buyer: writes in their conversation (reopens it when resolved).' })
  async sendBuyerMessage(@Args('input') input: SendMessageInput): Promise<Conversation> {
    return toConversation(await this.commands.sendBuyerMessage(input));
  }

  @Mutation(() => Conversation, { description: 'Seller: writes first to a buyer of the shop (never counts towards the response rate).' })
  async contactBuyer(@Args('input') input: ContactBuyerInput): Promise<Conversation> {
    return toConversation(await this.commands.contactBuyer(input));
  }

  @Mutation(() => Conversation, { description: 'Seller: replies in a conversation.' })
  async replyToConversation(@Args('input') input: ReplyToConversationInput): Promise<Conversation> {
    return toConversation(await this.commands.reply(input));
  }

  @Mutation(() => Conversation, { description: 'Seller: closes a conversation; the buyer writing again reopens it.' })
  async resolveConversation(@Args('input') input: ConversationActionInput): Promise<Conversation> {
    return toConversation(await this.commands.resolve(input));
  }

  @Mutation(() => Conversation, { description: "Seller: marks the conversation's buyer messages read." })
  async markConversationRead(@Args('input') input: ConversationActionInput): Promise<Conversation> {
    return toConversation(await this.commands.markRead(input));
  }

  @Mutation(() => HolidayMode, { description: "Seller: switches the shop's holiday mode on or off." })
  setHolidayMode(@Args('input') input: SetHolidayModeInput): Promise<HolidayMode> {
    return this.holidayMode.set(input);
  }
}
