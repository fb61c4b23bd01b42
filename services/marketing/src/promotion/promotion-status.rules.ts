import { PromotionStatus } from './promotion-status';

/** The stored facts a published promotion's status follows from. */
export interface PromotionWindow {
  startsAt: Date;
  endsAt: Date;
  deactivatedAt: Date | null;
}

/**
 * The status of a published promotion at `now`. Time moves a promotion through NOT_START → ONGOING →
 * EXPIRED without any write, so the status is derived rather than stored; the window is half-open:
 * ONGOING from `startsAt` inclusive until `endsAt` exclusive. Deactivation is terminal and wins.
 */
export function promotionStatusAt(promotion: PromotionWindow, now: Date): PromotionStatus {
  if (promotion.deactivatedAt) return PromotionStatus.DEACTIVATED;
  const t = now.getTime();
  if (t < promotion.startsAt.getTime()) return PromotionStatus.NOT_START;
  if (t < promotion.endsAt.getTime()) return PromotionStatus.ONGOING;
  return PromotionStatus.EXPIRED;
}

/**
 * The same derivation as a SQL condition on alias `p` with the time bound to `:now`, for status filters
 * that must agree with {@link promotionStatusAt}. Null for statuses a published promotion never has in
 * this slice (DRAFT, NOT_EFFECTIVE): such a filter matches nothing.
 */
export function promotionStatusCondition(status: PromotionStatus, alias = 'p'): string | null {
  switch (status) {
    case PromotionStatus.DEACTIVATED:
      return `${alias}.deactivated_at IS NOT NULL`;
    case PromotionStatus.NOT_START:
      return `${alias}.deactivated_at IS NULL AND ${alias}.starts_at > :now`;
    case PromotionStatus.ONGOING:
      return `${alias}.deactivated_at IS NULL AND ${alias}.starts_at <= :now AND ${alias}.ends_at > :now`;
    case PromotionStatus.EXPIRED:
      return `${alias}.deactivated_at IS NULL AND ${alias}.ends_at <= :now`;
    default:
      return null;
  }
}
