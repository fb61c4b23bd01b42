import { ConversationReplyFacts, exclusionOf, inquiryResponseRate } from './response-rate';

const now = new Date('2026-03-31T12:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const buyerChat = (overrides: Partial<ConversationReplyFacts> = {}): ConversationReplyFacts => ({
  initiatedBy: 'BUYER',
  firstBuyerMessageAt: hoursAgo(48),
  firstBuyerMessageDuringHoliday: false,
  firstHumanReplyAt: null,
  resolvedByAutoReplyOnly: false,
  ...overrides,
});

describe('inquiry response rate', () => {
  it('counts replies within 12 h (inclusive) and misses after it', () => {
    const rate = inquiryResponseRate(
      [
        buyerChat({ firstHumanReplyAt: hoursAgo(47) }),
        buyerChat({ firstHumanReplyAt: hoursAgo(36) }), // exactly 12 h
        buyerChat({ firstHumanReplyAt: hoursAgo(35.9) }), // 12.1 h: late
        buyerChat(), // never answered
      ],
      now,
    );
    expect(rate).toMatchObject({ eligible: 4, respondedWithin12h: 2, rateBasisPoints: 5000 });
  });

  it('excludes seller-initiated chats, holiday-mode messages and chats resolved by auto-replies only', () => {
    const windowStart = hoursAgo(30 * 24);
    expect(exclusionOf(buyerChat({ initiatedBy: 'SELLER_STAFF' }), now, windowStart)).toBe('SELLER_INITIATED');
    expect(exclusionOf(buyerChat({ firstBuyerMessageDuringHoliday: true }), now, windowStart)).toBe('HOLIDAY_MODE');
    expect(exclusionOf(buyerChat({ resolvedByAutoReplyOnly: true }), now, windowStart)).toBe('AUTO_REPLY_RESOLVED');
    const rate = inquiryResponseRate(
      [
        buyerChat({ firstHumanReplyAt: hoursAgo(47) }),
        buyerChat({ initiatedBy: 'SELLER_STAFF' }),
        buyerChat({ firstBuyerMessageDuringHoliday: true }),
        buyerChat({ resolvedByAutoReplyOnly: true }),
        buyerChat(),
        buyerChat(),
      ],
      now,
    );
    expect(rate).toMatchObject({ eligible: 3, respondedWithin12h: 1, rateBasisPoints: 3333 });
  });

  it('looks back 30 days and does not judge a message before its deadline', () => {
    const rate = inquiryResponseRate(
      [
        buyerChat({ firstBuyerMessageAt: hoursAgo(30 * 24 + 1), firstHumanReplyAt: hoursAgo(30 * 24) }), // before the window
        buyerChat({ firstBuyerMessageAt: hoursAgo(30 * 24), firstHumanReplyAt: hoursAgo(30 * 24 - 1) }), // window start, inclusive
        buyerChat({ firstBuyerMessageAt: hoursAgo(2) }), // still has 10 h
        buyerChat({ firstBuyerMessageAt: hoursAgo(2), firstHumanReplyAt: hoursAgo(1) }), // already answered: counts
      ],
      now,
    );
    expect(rate).toMatchObject({ eligible: 2, respondedWithin12h: 2, rateBasisPoints: 10000 });
    expect(rate.windowStart).toEqual(hoursAgo(30 * 24));
    expect(rate.windowEnd).toEqual(now);
  });

  it('has no rate without eligible conversations', () => {
    expect(inquiryResponseRate([buyerChat({ initiatedBy: 'SELLER_STAFF' })], now)).toMatchObject({ eligible: 0, rateBasisPoints: null });
  });
});
