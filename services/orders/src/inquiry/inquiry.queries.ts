import { Inject, Injectable } from '@nestjs/common';
import { PageArgs, assertValid, checkInteger, groupLoader, readPageArgs, toConnection } from '@sc/graphql';
import { CLOCK, Clock, requestNow } from '@sc/kit';
import { InquiryResponseRate } from './conversation.model';
import { InquiryRepository } from './inquiry.repository';
import { MessageRow, toConversation, toMessage } from './inquiry.rows';
import { RESPONSE_RATE_DEFINITION, RESPONSE_RATE_WINDOW_DAYS, inquiryResponseRate } from './response-rate';

/** Default look-ahead of "near deadline" lists. */
export const NEAR_DEADLINE_HOURS = 2;
const HOUR_MS = 3_600_000;

/** Seller-facing inquiry reads. */
@Injectable()
export class InquiryQueries {
  constructor(
    private readonly repository: InquiryRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(sellerId: string, filter: { unreadOnly?: boolean | null; nearDeadline?: boolean | null }, page: PageArgs) {
    const { limit, afterKey } = readPageArgs(page);
    const now = requestNow(this.clock);
    const near = filter.nearDeadline ? { from: now, to: new Date(now.getTime() + NEAR_DEADLINE_HOURS * HOUR_MS) } : null;
    const rows = await this.repository.listForSeller(sellerId, { unreadOnly: !!filter.unreadOnly, nearDeadline: near }, limit, afterKey);
    return toConnection(rows.map(toConversation), limit);
  }

  /** Conversations awaiting a reply whose 12 h deadline falls within the next `withinHours` hours (overdue ones excluded). */
  async nearDeadline(sellerId: string, withinHours: number) {
    assertValid(checkInteger('withinHours', withinHours, 1, 12));
    const now = requestNow(this.clock);
    const rows = await this.repository.dueBetween(sellerId, now, new Date(now.getTime() + withinHours * HOUR_MS));
    return rows.map(toConversation);
  }

  unreadCount(sellerId: string): Promise<number> {
    return this.repository.unreadCount(sellerId);
  }

  async responseRate(sellerId: string): Promise<InquiryResponseRate> {
    const now = requestNow(this.clock);
    const since = new Date(now.getTime() - RESPONSE_RATE_WINDOW_DAYS * 24 * HOUR_MS);
    const rate = inquiryResponseRate(await this.repository.replyFactsSince(sellerId, since), now);
    return {
      rate: rate.rateBasisPoints,
      respondedWithin12h: rate.respondedWithin12h,
      eligible: rate.eligible,
      window: { from: rate.windowStart, to: rate.windowEnd },
      definition: RESPONSE_RATE_DEFINITION,
    };
  }

  /** A page of a conversation's messages; every conversation of the request asking for the same page shares one query. */
  async messages(conversationId: string, page: PageArgs) {
    const { limit, afterKey } = readPageArgs(page);
    const loader = groupLoader<string, MessageRow>(
      `orders.messagesByConversation:${limit}:${afterKey ?? ''}`,
      (ids) => this.repository.messagesOfMany(ids, limit, afterKey),
      (m) => m.conversation_id,
    );
    return toConnection((await loader.load(conversationId)).map(toMessage), limit);
  }
}
