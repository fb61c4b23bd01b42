import { OrderPolicy } from './region-policy';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The local date (YYYY-MM-DD) and weekday (Mon, Tue, …) of an instant in a time zone. */
function localDayIn(at: Date, timeZone: string): { date: string; weekday: string } {
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday: parts.weekday };
}

/** True when the local day of `at` is a business day under the policy: not a public holiday, and not a weekend unless weekends count. */
export function isBusinessDay(at: Date, policy: OrderPolicy): boolean {
  const { date, weekday } = localDayIn(at, policy.timeZone);
  if (policy.publicHolidays.includes(date)) return false;
  return policy.weekendsAreBusinessDays || (weekday !== 'Sat' && weekday !== 'Sun');
}

/**
 * `start` plus `days` business days: steps a day at a time and counts only days that are business days
 * in the policy's zone, keeping the time of day (Friday 10:00 + 2 business days = Tuesday 10:00 when
 * weekends do not count, Sunday 10:00 when they do).
 */
export function addBusinessDays(start: Date, days: number, policy: OrderPolicy): Date {
  let at = start.getTime();
  let counted = 0;
  while (counted < days) {
    at += DAY;
    if (isBusinessDay(new Date(at), policy)) counted += 1;
  }
  return new Date(at);
}

/** Deadlines that start with payment. */
export function paymentDeadlines(paidAt: Date, policy: OrderPolicy) {
  return {
    // Rounded: an overridden window is a whole number of seconds, which is not a whole fraction of an hour.
    remorseEndsAt: new Date(paidAt.getTime() + Math.round(policy.remorseHours * HOUR)),
    shipByAt: addBusinessDays(paidAt, policy.shipByBusinessDays, policy),
    autoCancelAt: addBusinessDays(paidAt, policy.autoCancelBusinessDays, policy),
  };
}

/** When an UNPAID order expires, counted from the moment it became payable. */
export const unpaidExpiresAt = (payableAt: Date, policy: OrderPolicy): Date => new Date(payableAt.getTime() + policy.unpaidExpiryHours * HOUR);

/** When an unanswered cancellation request is approved by the system. */
export const cancellationRespondBy = (requestedAt: Date, policy: OrderPolicy): Date =>
  new Date(requestedAt.getTime() + policy.cancellationAutoApproveHours * HOUR);

/** When a delivered order completes. */
export const completesAt = (deliveredAt: Date, policy: OrderPolicy): Date => new Date(deliveredAt.getTime() + policy.afterSalesDays * DAY);
