import { registerEnumType } from '@nestjs/graphql';
import { PUBLIC_HOLIDAYS } from './public-holidays';

/** Marketplace regions with their own order deadlines. */
export enum Region {
  US = 'US',
  SG = 'SG',
}

registerEnumType(Region, { name: 'Region', description: 'Marketplace region whose order policy (deadlines, business days) applies.' });

/** An order's deadlines in one region; data, so a new region is a new row, not new code. */
export interface OrderPolicy {
  /** IANA zone in which "a day" and "a weekend" are judged. */
  timeZone: string;
  /** Whether Saturday and Sunday count as business days. */
  weekendsAreBusinessDays: boolean;
  /** Local dates (YYYY-MM-DD, in `timeZone`) that never count as business days, weekend rule or not. */
  publicHolidays: readonly string[];
  /** An UNPAID order is cancelled after this long. */
  unpaidExpiryHours: number;
  /** Buyer-remorse window after payment (ON_HOLD). */
  remorseHours: number;
  /** Ship-by (dispatch SLA) after payment. */
  shipByBusinessDays: number;
  /** Platform auto-cancel when still not shipped, after payment. */
  autoCancelBusinessDays: number;
  /** An unanswered buyer cancellation request is approved after this long. */
  cancellationAutoApproveHours: number;
  /** After-sales window after delivery; the order completes when it ends. */
  afterSalesDays: number;
}

/** Per-region policy (domain §C.3: US business days exclude weekends and federal holidays; SEA counts working days differently). */
export const REGION_POLICIES: Readonly<Record<Region, OrderPolicy>> = {
  [Region.US]: {
    timeZone: 'America/New_York',
    weekendsAreBusinessDays: false,
    publicHolidays: PUBLIC_HOLIDAYS.US,
    unpaidExpiryHours: 48,
    remorseHours: 1,
    shipByBusinessDays: 2,
    autoCancelBusinessDays: 7,
    cancellationAutoApproveHours: 24,
    afterSalesDays: 14,
  },
  [Region.SG]: {
    timeZone: 'Asia/Singapore',
    weekendsAreBusinessDays: true,
    publicHolidays: PUBLIC_HOLIDAYS.SG,
    unpaidExpiryHours: 24,
    remorseHours: 1,
    shipByBusinessDays: 2,
    autoCancelBusinessDays: 3,
    cancellationAutoApproveHours: 24,
    afterSalesDays: 14,
  },
};

/** The marketplace default until a shop chooses (the policy every order had before regions were settings). */
export const DEFAULT_REGION = Region.US;

/** The policy of a region (unknown stored values fall back to US, the marketplace default). */
export const policyOf = (region: string): OrderPolicy => REGION_POLICIES[region as Region] ?? REGION_POLICIES[Region.US];
