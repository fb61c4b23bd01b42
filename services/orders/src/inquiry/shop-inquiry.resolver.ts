import { Args, InputType, Field, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ownShopId } from '@sc/auth';
import { PageArgs } from '@sc/graphql';
import { Shop } from '../shared/shop.model';
import { Conversation, ConversationConnection, HolidayMode, InquiryResponseRate } from './conversation.model';
import { HolidayModeService } from './holiday-mode.service';
import { InquiryQueries, NEAR_DEADLINE_HOURS } from './inquiry.queries';

@InputType()
export class ConversationFilter {
  @Field({ nullable: true, description: 'Only conversations with unread buyer messages.' })
  unreadOnly?: boolean;

  @Field({ nullable: true, description: `Only conversations whose reply deadline falls within the next ${NEAR_DEADLINE_HOURS} hours.` })
  nearDeadline?: boolean;
}

const ownShop = (shop: Shop): string => ownShopId(shop.id, 'INQUIRIES:VIEW', 'its inquiries');

/** The inquiry fields of catalog's Shop. */
@Resolver(() => Shop)
export class ShopInquiryResolver {
  constructor(
    private readonly queries: InquiryQueries,
    private readonly holidayModes: HolidayModeService,
  ) {}

  @ResolveField(() => ConversationConnection, { nullable: true, description: "The shop's buyer conversations, newest first." })
  conversations(@Parent() shop: Shop, @Args() page: PageArgs, @Args('filter', { type: () => ConversationFilter, nullable: true }) filter?: ConversationFilter) {
    return this.queries.list(ownShop(shop), filter ?? {}, page);
  }

  @ResolveField(() => Int, { nullable: true, description: 'Conversations with unread buyer messages.' })
  unreadConversationCount(@Parent() shop: Shop): Promise<number> {
    return this.queries.unreadCount(ownShop(shop));
  }

  @ResolveField(() => InquiryResponseRate, { nullable: true, description: '12-hour response rate over the last 30 days.' })
  inquiryResponseRate(@Parent() shop: Shop): Promise<InquiryResponseRate> {
    return this.queries.responseRate(ownShop(shop));
  }

  @ResolveField(() => [Conversation], {
    nullable: true,
    description: 'Unanswered conversations whose 12 h reply deadline falls within the next withinHours hours, soonest first (at most 100).',
  })
  conversationsNearDeadline(
    @Parent() shop: Shop,
    @Args('withinHours', { type: () => Int, defaultValue: NEAR_DEADLINE_HOURS }) withinHours: number,
  ): Promise<Conversation[]> {
    return this.queries.nearDeadline(ownShop(shop), withinHours);
  }

  @ResolveField(() => HolidayMode, { nullable: true })
  holidayMode(@Parent() shop: Shop): Promise<HolidayMode> {
    return this.holidayModes.get(ownShop(shop));
  }
}
