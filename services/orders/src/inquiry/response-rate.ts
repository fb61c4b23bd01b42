/** What the response-rate definition needs to know about one conversation. */
export interface ConversationReplyFacts {
  initiatedBy: 'BUYER' | 'SELLER_STAFF';
  /** The buyer's first message, or null if the buyer never wrote. */
  firstBuyerMessageAt: Date | null;
  /** True when that first buyer message arrived while the shop was in holiday mode. */
  firstBuyerMessageDuringHoliday: boolean;
  /** The first non-auto seller reply after the first buyer message, or null. */
  firstHumanReplyAt: Date | null;
  /** Resolved with only auto-replies from the seller side (answered by the bot/FAQ). */
  resolvedByAutoReplyOnly: boolean;
}

/** Why a conversation does not count towards the response rate. */
export type ResponseRateExclusion = 'SELLER_INITIATED' | 'HOLIDAY_MODE' | 'AUTO_REPLY_RESOLVED' | 'OUTSIDE_WINDOW' | 'NOT_YET_DUE';

/** The 12-hour response rate over a window. `rateBasisPoints` is null when nothing is eligible. */
export interface ResponseRate {
  eligible: number;
  respondedWithin12h: number;
  rateBasisPoints: number | null;
  windowStart: Date;
  windowEnd: Date;
}

/** Days the response rate looks back. */
export const RESPONSE_RATE_WINDOW_DAYS = 30;
/** Hours a seller has to reply to a buyer's message. */
export const REPLY_DEADLINE_HOURS = 12;
const HOUR_MS = 3_600_000;

/** Machine-readable definition of {@link inquiryResponseRate}. */
export const RESPONSE_RATE_DEFINITION =
  'respondedWithin12h / eligible, basis points rounded half-up. eligible = buyer-initiated conversations whose first buyer message ' +
  'is in [now - 30 days, now) and whose reply deadline (first buyer message + 12 h) has passed or was met; excluded: seller-initiated ' +
  'conversations, conversations whose first buyer message arrived in holiday mode, conversations resolved by auto-replies only. ' +
  'respondedWithin12h = eligible conversations with a non-auto seller reply within 12 h of the first buyer message.';

/** Why a conversation is excluded from the rate at `now`, or null when it counts. */
export function exclusionOf(facts: ConversationReplyFacts, now: Date, windowStart: Date): ResponseRateExclusion | null {
  if (facts.initiatedBy === 'SELLER_STAFF') return 'SELLER_INITIATED';
  const first = facts.firstBuyerMessageAt;
  if (!first || first < windowStart || first >= now) return 'OUTSIDE_WINDOW';
  if (facts.firstBuyerMessageDuringHoliday) return 'HOLIDAY_MODE';
  if (facts.resolvedByAutoReplyOnly && !facts.firstHumanReplyAt) return 'AUTO_REPLY_RESOLVED';
  const deadline = first.getTime() + REPLY_DEADLINE_HOURS * HOUR_MS;
  // Still answerable in time: judging it now would count it as missed before its deadline.
  if (!facts.firstHumanReplyAt && deadline > now.getTime()) return 'NOT_YET_DUE';
  return null;
}

/** True when the first human reply came within the 12-hour deadline. */
const answeredInTime = (facts: ConversationReplyFacts): boolean =>
  !!facts.firstHumanReplyAt &&
  !!facts.firstBuyerMessageAt &&
  facts.firstHumanReplyAt.getTime() - facts.firstBuyerMessageAt.getTime() <= REPLY_DEADLINE_HOURS * HOUR_MS;

/** The shop's inquiry response rate at `now` (see {@link RESPONSE_RATE_DEFINITION}). */
export function inquiryResponseRate(conversations: ConversationReplyFacts[], now: Date): ResponseRate {
  const windowStart = new Date(now.getTime() - RESPONSE_RATE_WINDOW_DAYS * 24 * HOUR_MS);
  let eligible = 0;
  let responded = 0;
  for (const facts of conversations) {
    if (exclusionOf(facts, now, windowStart) !== null) continue;
    eligible += 1;
    if (answeredInTime(facts)) responded += 1;
  }
  const rateBasisPoints = eligible === 0 ? null : Math.floor((responded * 20_000 + eligible) / (2 * eligible));
  return { eligible, respondedWithin12h: responded, rateBasisPoints, windowStart, windowEnd: now };
}
